package io.eventhorizon.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.HttpJson.Response;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.eventhorizon.sample.BankCalls.balanceOf;
import static io.eventhorizon.sample.BankCalls.openWith;
import static io.eventhorizon.sample.BankCalls.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank's soak: two instances on one table (dynalite) take random transfers both ways
 * among a few accounts (and some to an unknown account) from several threads, while random
 * faults fail DynamoDB requests or lose their answers, and the second instance is
 * restarted half-way. Then no cent appeared or vanished, every accepted transfer is
 * completed or refunded, and every debit was credited or refunded exactly once. Not part of
 * {@code ./mvnw verify}:
 *
 * <pre>
 * ./mvnw -B -ntp -pl eventhorizon-spring-boot-sample -am verify -Psoak -Dtest=BankSoakTests -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.duration=PT2M
 * </pre>
 * Also {@code -Dsoak.accounts} (6), {@code -Dsoak.threads} (4) and {@code -Dsoak.faults}
 * (the probability of a fault per request, 0.02).
 */
@Tag("soak")
class BankSoakTests {

	private static final long OPENING_BALANCE = 10_000;

	private final Duration duration = Duration.parse(System.getProperty("soak.duration", "PT20S"));

	private final int accountCount = Integer.getInteger("soak.accounts", 6);

	private final int threadCount = Integer.getInteger("soak.threads", 4);

	private final double faultProbability = Double.parseDouble(System.getProperty("soak.faults", "0.02"));

	private final BankInstances banks = new BankInstances();

	private final AtomicReferenceArray<HttpJson> live = new AtomicReferenceArray<>(2);

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final AtomicLong refusedForFunds = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	@AfterEach
	void stopThem() {
		BankFaults.probability = 0;
		this.banks.close();
	}

	@Test
	void twoInstancesWithFaultsAndARestartConserveMoneyAndSettleEveryTransferOnce() throws Exception {
		this.banks.start(BankFaults.class).start(BankFaults.class);
		this.live.set(0, this.banks.client(0));
		this.live.set(1, this.banks.client(1));
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < this.accountCount; i++) {
			accounts.add(openWith(this.banks.client(i % 2), "owner-" + i, OPENING_BALANCE));
		}
		long faultsBefore = faultsInjected();
		BankFaults.probability = this.faultProbability;

		Instant end = Instant.now().plus(this.duration);
		ExecutorService threads = Executors.newFixedThreadPool(this.threadCount);
		List<Future<?>> senders = new ArrayList<>();
		for (int i = 0; i < this.threadCount; i++) {
			senders.add(threads.submit(() -> sendTransfers(accounts, end)));
		}
		try {
			Thread.sleep(this.duration.dividedBy(2).toMillis());
			restartTheSecondInstance();
			for (Future<?> sender : senders) {
				sender.get(this.duration.toMillis() + 120_000, TimeUnit.MILLISECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		BankFaults.probability = 0;
		long faults = faultsInjected() - faultsBefore;

		HttpJson client = this.live.get(0);
		Map<String, Integer> debits = new ConcurrentHashMap<>();
		Map<String, Integer> settlements = new ConcurrentHashMap<>();
		for (String account : accounts) {
			count(account, TransferDebited.class, TransferDebited::transferId, debits);
		}
		assertThat(debits.keySet()).containsAll(this.accepted);
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> debits.keySet()
			.stream()
			.allMatch((transfer) -> Set.of("completed", "refunded").contains(statusOf(client, transfer))));
		long refunded = debits.keySet().stream().filter((transfer) -> statusOf(client, transfer).equals("refunded")).count();
		for (String account : accounts) {
			count(account, TransferCredited.class, TransferCredited::transferId, settlements);
			count(account, TransferRefunded.class, TransferRefunded::transferId, settlements);
		}
		long total = accounts.stream().mapToLong((account) -> balanceOf(client, account)).sum();
		System.out.printf("Bank soak: %s, %d accounts, %d threads: %d transfers debited (%d accepted, %d refunded), "
				+ "%d refused for funds, %d requests retried, %d faults injected (%d failed requests, %d lost answers "
				+ "in all), 1 restart%n", this.duration, this.accountCount, this.threadCount, debits.size(),
				this.accepted.size(), refunded, this.refusedForFunds.get(), this.retried.get(), faults,
				BankFaults.failedRequests.get(), BankFaults.lostAnswers.get());

		assertThat(total).isEqualTo(this.accountCount * OPENING_BALANCE);
		assertThat(debits.values()).containsOnly(1);
		assertThat(settlements).containsOnlyKeys(debits.keySet());
		assertThat(settlements.values()).containsOnly(1);
		assertThat(this.accepted).isNotEmpty();
		assertThat(faults).isPositive();
	}

	private void sendTransfers(List<String> accounts, Instant end) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (Instant.now().isBefore(end)) {
			String from = accounts.get(random.nextInt(accounts.size()));
			String to = (random.nextInt(20) == 0) ? "acc-nobody" : accounts.get(random.nextInt(accounts.size()));
			if (from.equals(to)) {
				continue;
			}
			String body = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + (1 + random.nextInt(500)) + "}";
			String key = "soak-" + UUID.randomUUID();
			// Sent again with its key, to either instance, until it gets a definite answer.
			for (int attempt = 0;; attempt++) {
				Response response = send(this.live.get(random.nextInt(2)), body, key);
				if (response != null && response.status() == 202) {
					this.accepted.add(response.json().path("id").asString());
					break;
				}
				if (response != null && response.status() == 409) {
					this.refusedForFunds.incrementAndGet();
					break;
				}
				assertThat(attempt).as("attempts of one transfer").isLessThan(100);
				this.retried.incrementAndGet();
			}
		}
	}

	private static Response send(HttpJson client, String body, String key) {
		try {
			return client.postOnce("/transfers", body, key);
		}
		catch (IllegalStateException ex) {
			// The instance is restarting: the connection was refused or reset.
			return null;
		}
	}

	private void restartTheSecondInstance() {
		this.banks.instance(1).close();
		this.banks.start(BankFaults.class);
		this.live.set(1, this.banks.client(2));
	}

	private <E> void count(String account, Class<E> eventClass, java.util.function.Function<E, String> transferId,
			Map<String, Integer> counts) {
		ConfigurableApplicationContext instance = this.banks.instance(0);
		StreamContents
			.payloads(instance.getBean(EventLog.class), instance.getBean(EventLineCodec.class),
					StreamName.of("/bank/accounts/" + account))
			.stream()
			.filter(eventClass::isInstance)
			.map((payload) -> transferId.apply(eventClass.cast(payload)))
			.forEach((id) -> counts.merge(id, 1, Integer::sum));
	}

	private static long faultsInjected() {
		return BankFaults.failedRequests.get() + BankFaults.lostAnswers.get();
	}

}
