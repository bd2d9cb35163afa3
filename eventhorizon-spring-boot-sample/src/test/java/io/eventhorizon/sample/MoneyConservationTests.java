package io.eventhorizon.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.HttpJson.Response;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.eventhorizon.sample.BankCalls.balanceOf;
import static io.eventhorizon.sample.BankCalls.openWith;
import static io.eventhorizon.sample.BankCalls.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the bank on one table move money both ways between two accounts at
 * once, and to a closed and an unknown account, while the transfer process crashes once
 * before a credit and once between a credit and its outcome: every transfer ends completed
 * or refunded, each credited or refunded exactly once, and no cent appears or vanishes.
 */
class MoneyConservationTests {

	private static final int TRANSFERS_EACH_WAY = 10;

	private final BankInstances banks = new BankInstances();

	@BeforeEach
	void startTwoInstancesThatCrashInTheProcess() {
		CreditCrash.arm();
		this.banks.start(CreditCrash.class).start(CreditCrash.class);
	}

	@AfterEach
	void stopThem() {
		this.banks.close();
	}

	@Test
	void concurrentTransfersBothWaysOnTwoInstancesWithCrashesConserveMoney() throws Exception {
		HttpJson first = this.banks.client(0);
		HttpJson second = this.banks.client(1);
		String alice = openWith(first, "alice", 1000);
		String bob = openWith(second, "bob", 1000);
		String closed = openWith(second, "carl", 0);
		assertThat(second.post("/accounts/" + closed + "/closure", "").status()).isEqualTo(200);

		List<String> accepted = new CopyOnWriteArrayList<>();
		List<Integer> unexpected = new CopyOnWriteArrayList<>();
		List<Runnable> senders = List.of(send(first, alice, bob, TRANSFERS_EACH_WAY, accepted, unexpected),
				send(second, bob, alice, TRANSFERS_EACH_WAY, accepted, unexpected),
				send(first, alice, closed, 3, accepted, unexpected),
				send(second, bob, "acc-nobody", 3, accepted, unexpected));
		CyclicBarrier start = new CyclicBarrier(senders.size());
		ExecutorService threads = Executors.newFixedThreadPool(senders.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (Runnable sender : senders) {
				running.add(threads.submit(() -> {
					start.await();
					sender.run();
					return null;
				}));
			}
			for (Future<?> sender : running) {
				sender.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(unexpected).isEmpty();
		assertThat(accepted).hasSize(2 * TRANSFERS_EACH_WAY + 6);
		for (String transfer : accepted) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> Set.of("completed", "refunded").contains(statusOf(second, transfer)));
		}
		assertThat(CreditCrash.creditsToFail.get()).as("the crash before a credit happened").isNegative();
		assertThat(CreditCrash.outcomesToFail.get()).as("the crash before an outcome happened").isNegative();
		for (HttpJson client : this.banks.clients()) {
			assertThat(balanceOf(client, alice) + balanceOf(client, bob) + balanceOf(client, closed)).isEqualTo(2000);
			assertThat(balanceOf(client, closed)).isZero();
		}
		Map<String, Integer> settlements = new ConcurrentHashMap<>();
		for (String account : List.of(alice, bob, closed)) {
			countSettlements(account, TransferCredited.class, TransferCredited::transferId, settlements);
			countSettlements(account, TransferRefunded.class, TransferRefunded::transferId, settlements);
		}
		assertThat(settlements).containsOnlyKeys(accepted);
		assertThat(settlements.values()).containsOnly(1);
	}

	private Runnable send(HttpJson client, String from, String to, int count, List<String> accepted,
			List<Integer> unexpected) {
		return () -> {
			for (int i = 0; i < count; i++) {
				Response response = client.post("/transfers",
						"{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + (10 + i) + "}");
				while (response.status() == 503) {
					response = client.post("/transfers",
							"{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + (10 + i) + "}");
				}
				if (response.status() == 202) {
					accepted.add(response.json().path("id").asString());
				}
				else {
					unexpected.add(response.status());
				}
			}
		};
	}

	private <E> void countSettlements(String account, Class<E> eventClass, Function<E, String> transferId,
			Map<String, Integer> settlements) {
		ConfigurableApplicationContext instance = this.banks.instance(0);
		StreamContents
			.payloads(instance.getBean(EventLog.class), instance.getBean(EventLineCodec.class),
					StreamName.of("/bank/accounts/" + account))
			.stream()
			.filter(eventClass::isInstance)
			.map((payload) -> transferId.apply(eventClass.cast(payload)))
			.forEach((id) -> settlements.merge(id, 1, Integer::sum));
	}

}
