package io.eventhorizon.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.soak.Ledger.Funded;
import io.eventhorizon.soak.Ledger.Transferred;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak harness (not part of the default run): two instances, each with its own
 * DynamoDB client (injecting random throttling and lost answers), its writers and its
 * synchronizing processors, transfer money between accounts for a while, while DynamoDB is
 * stopped and started again now and then. Then it checks the invariants and reports the
 * counts.
 *
 * <pre>
 * ./mvnw -pl eventhorizon-core -am verify -Psoak -Dsoak.duration=PT2M -Dsoak.writers=4 -Dsoak.processors=2
 * </pre>
 */
@Tag("soak")
class SoakTests {

	private static final StreamName LEDGER = StreamName.of("/ledger");

	private static final List<String> ACCOUNTS = List.of("a", "b", "c", "d", "e");

	private static final long FUNDING = 1000;

	private static final EventLineCodec CODEC = new EventLineCodec(Ledger.TYPES);

	private final Duration duration = Duration.parse(System.getProperty("soak.duration", "PT30S"));

	private final int writers = Integer.getInteger("soak.writers", 3);

	private final int processors = Integer.getInteger("soak.processors", 2);

	private final double faultProbability = Double.parseDouble(System.getProperty("soak.faults", "0.02"));

	private final AtomicLong commits = new AtomicLong();

	private final AtomicLong conflicts = new AtomicLong();

	private final AtomicLong exhausted = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong unknownOutcomes = new AtomicLong();

	private final AtomicLong restarts = new AtomicLong();

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	@Test
	void moneyIsNeitherCreatedNorLostAndEveryReadModelEqualsAReplay(@TempDir Path data) throws Exception {
		try (DynamoDbTestServer.Dedicated dynamoDb = DynamoDbTestServer.dedicated(data)) {
			List<RandomFaults> faults = List.of(new RandomFaults(this.faultProbability),
					new RandomFaults(this.faultProbability));
			List<DynamoDbClient> clients = List.of(client(dynamoDb, faults.get(0)), client(dynamoDb, faults.get(1)));
			String table = DynamoDbTestServer.uniqueTableName("soak");
			new DynamoDbTables(client(dynamoDb, new RandomFaults(0)), new DynamoDbTableNames(table, table + "_snapshots"))
				.createMissing();
			List<EventLog> logs = clients.stream()
				.map((client) -> (EventLog) DynamoDbEventLog.builder(client).tableName(table).build())
				.toList();
			fund(DynamoDbEventLog.builder(client(dynamoDb, new RandomFaults(0))).tableName(table).build());

			AtomicBoolean running = new AtomicBoolean(true);
			List<Thread> threads = new ArrayList<>();
			List<Ledger> ledgers = new ArrayList<>();
			for (EventLog log : logs) {
				List<Reader> readers = new ArrayList<>();
				for (int i = 0; i < this.processors; i++) {
					Ledger ledger = new Ledger(LEDGER);
					ledgers.add(ledger);
					Reader reader = Reader.builder(ledger, log).listener(new ReaderListener() {
						@Override
						public void conflict(int attempt, OptimisticLockingException conflict) {
							SoakTests.this.conflicts.incrementAndGet();
						}
					}).build();
					readers.add(reader);
					threads.add(new Thread(() -> synchronize(reader, running), "soak-sync"));
				}
				for (int i = 0; i < this.writers; i++) {
					Reader reader = readers.get(i % readers.size());
					threads.add(new Thread(() -> write(log, reader, running), "soak-writer"));
				}
			}
			threads.forEach(Thread::start);
			Instant deadline = Instant.now().plus(this.duration);
			while (Instant.now().isBefore(deadline)) {
				Thread.sleep(Math.min(3000, Duration.between(Instant.now(), deadline).toMillis()));
				if (Instant.now().isBefore(deadline.minusSeconds(2))) {
					dynamoDb.stop();
					Thread.sleep(300);
					dynamoDb.restart();
					this.restarts.incrementAndGet();
				}
			}
			running.set(false);
			for (Thread thread : threads) {
				thread.join(Duration.ofMinutes(2).toMillis());
			}

			EventLog quiet = DynamoDbEventLog.builder(client(dynamoDb, new RandomFaults(0))).tableName(table).build();
			Ledger replay = new Ledger(LEDGER);
			Reader.builder(replay, quiet).build().loadUntilRealtime();
			for (Ledger ledger : ledgers) {
				Reader.builder(ledger, quiet).build().loadUntilRealtime();
			}
			Map<String, Integer> stored = new HashMap<>();
			replay.transfers().forEach((id) -> stored.merge(id, 1, Integer::sum));
			System.out.printf("soak: %s, %d writers and %d processors per instance, 2 instances: commits %d, "
					+ "conflicts %d, exhausted %d, refused %d, unknown outcomes %d, faults injected %d, restarts %d%n",
					this.duration, this.writers, this.processors, this.commits.get(), this.conflicts.get(),
					this.exhausted.get(), this.refused.get(), this.unknownOutcomes.get(),
					faults.get(0).injected.get() + faults.get(1).injected.get(), this.restarts.get());

			assertThat(StreamContents.versions(quiet, LEDGER)).as("versions contiguous")
				.containsExactlyElementsOf(LongStream.rangeClosed(0, stored.size() + 1).boxed().toList());
			assertThat(this.acknowledged).as("every acknowledged commit exactly once")
				.allSatisfy((id) -> assertThat(stored.get(id)).isEqualTo(1));
			assertThat(stored.values()).as("no commit twice").allSatisfy((count) -> assertThat(count).isEqualTo(1));
			assertThat(replay.balances().values().stream().mapToLong(Long::longValue).sum())
				.as("no money created or lost")
				.isEqualTo(FUNDING * ACCOUNTS.size());
			assertThat(replay.lowest()).as("no balance ever negative").isNotNegative();
			assertThat(ledgers).allSatisfy((ledger) -> assertThat(ledger.balances()).isEqualTo(replay.balances()));
			assertThat(this.commits.get()).as("work was done").isPositive();
		}
	}

	private void fund(EventLog log) {
		log.bootstrap();
		log.createStream(LEDGER);
		List<Event> funding = ACCOUNTS.stream()
			.map((account) -> Event.of(new Funded(account, FUNDING), EventMeta.system(Instant.now())))
			.toList();
		log.append(LEDGER, CODEC.encode(funding));
	}

	private void write(EventLog log, Reader reader, AtomicBoolean running) {
		Ledger ledger = (Ledger) reader.processor();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (running.get()) {
			String from = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
			String to = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
			long amount = 1 + random.nextInt(100);
			String id = UUID.randomUUID().toString();
			try {
				reader.transactWrite((attempt) -> {
					if (ledger.balance(from) < amount) {
						throw new IllegalStateException("insufficient funds");
					}
					return attempt.append(CODEC.encode(List.of(Event.of(new Transferred(id, from, to, amount),
							EventMeta.of(Instant.now(), Thread.currentThread().getName())))));
				});
				this.acknowledged.add(id);
				this.commits.incrementAndGet();
			}
			catch (IllegalStateException ex) {
				this.refused.incrementAndGet();
			}
			catch (TransactWriteExhaustedException ex) {
				this.exhausted.incrementAndGet();
			}
			catch (RuntimeException ex) {
				// DynamoDB away or an answer lost beyond the SDK's retries: the outcome is unknown.
				this.unknownOutcomes.incrementAndGet();
				pause(50);
			}
		}
	}

	private static void synchronize(Reader reader, AtomicBoolean running) {
		while (running.get()) {
			try {
				reader.loadUntilRealtime();
			}
			catch (RuntimeException ex) {
				pause(50);
			}
			pause(10);
		}
	}

	private static DynamoDbClient client(DynamoDbTestServer.Dedicated dynamoDb, RandomFaults faults) {
		return DynamoDbClient.builder()
			.endpointOverride(dynamoDb.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.overrideConfiguration((config) -> config.addExecutionInterceptor(faults)
				.retryStrategy((retry) -> retry.maxAttempts(4)
					.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(100)))
					.throttlingBackoffStrategy(
							BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(200)))))
			.build();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
