package io.eventhorizon.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.sample.HttpJson.Response;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the bank on the same DynamoDB tables (dynalite) serve 200 concurrent
 * withdrawals of 10 cents from one account of 1000 (all in its stream): exactly 100 succeed once 503s are
 * retried, both instances end at 0, and the table holds exactly 100 withdrawals.
 */
class TwoBanksIntegrationTests {

	private final BankInstances banks = new BankInstances();

	private List<HttpJson> clients;

	@BeforeEach
	void startTwoInstances() {
		this.clients = this.banks.start().start().clients();
	}

	@AfterEach
	void stopThem() {
		this.banks.close();
	}

	@Test
	void concurrentWithdrawalsOnTwoInstancesTakeExactlyTheBalance() throws Exception {
		Response opened = this.clients.get(0).post("/accounts", "{\"owner\":\"alice\"}");
		String id = opened.json().path("id").asString();
		assertThat(this.clients.get(0).post("/accounts/" + id + "/deposits", "{\"amount\":1000}").status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.clients.get(1).get("/accounts/" + id).json().path("balance").asLong() == 1000);

		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger retried = new AtomicInteger();
		List<Integer> unexpected = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> requests = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				HttpJson client = this.clients.get(i % 2);
				requests.add(threads.submit(() -> {
					Response response = client.post("/accounts/" + id + "/withdrawals", "{\"amount\":10}");
					while (response.status() == 503) {
						assertThat(response.retryAfter()).isEqualTo("1");
						retried.incrementAndGet();
						response = client.post("/accounts/" + id + "/withdrawals", "{\"amount\":10}");
					}
					switch (response.status()) {
						case 200 -> succeeded.incrementAndGet();
						case 409 -> refused.incrementAndGet();
						default -> unexpected.add(response.status());
					}
				}));
			}
			for (Future<?> request : requests) {
				request.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(unexpected).isEmpty();
		assertThat(succeeded).hasValue(100);
		assertThat(refused).hasValue(100);
		for (HttpJson client : this.clients) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> client.get("/accounts/" + id).json().path("balance").asLong() == 0);
		}
		assertThat(eventsInTheAccount(id, Withdrawn.class)).isEqualTo(100);
	}

	@Test
	void aDepositSentAgainToTheOtherInstanceIsAppliedOnce() {
		String id = this.clients.get(0).post("/accounts", "{\"owner\":\"bob\"}").json().path("id").asString();

		Response first = this.clients.get(0).postOnce("/accounts/" + id + "/deposits", "{\"amount\":70}", "bob-70");
		Response again = this.clients.get(1).postOnce("/accounts/" + id + "/deposits", "{\"amount\":70}", "bob-70");

		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(first.json());
		assertThat(this.clients.get(1).get("/accounts/" + id).json().path("balance").asLong()).isEqualTo(70);
		assertThat(eventsInTheAccount(id, AccountEvents.Deposited.class)).isEqualTo(1);
	}

	private long eventsInTheAccount(String id, Class<?> eventClass) {
		ConfigurableApplicationContext first = this.banks.instance(0);
		return StreamContents
			.payloads(first.getBean(EventLog.class), first.getBean(EventLineCodec.class),
					StreamName.of("/bank/accounts/" + id))
			.stream()
			.filter(eventClass::isInstance)
			.count();
	}

}
