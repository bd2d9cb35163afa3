package io.eventhorizon.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.aggregate.AggregateType;
import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.Pass;
import io.eventhorizon.testing.PlainSdk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks of aggregates (one stream each) on dynalite: writers on distinct streams
 * beside writers on one stream, in the same run; and a command on a cached aggregate
 * against the same command written by hand (a {@code Query} for the head, then a
 * conditional {@code PutItem}).
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateBenchmarkTests {

	private static final AggregateType<long[]> ACCOUNT = AggregateType.<long[]>builder("account",
			StreamName.of("/bench-accounts"))
		.eventTypes(BankEvents.TYPES)
		.newState(() -> new long[1])
		.eventHandler((balance, event) -> {
			if (event.payload() instanceof Deposited deposited) {
				balance[0] += deposited.amount();
			}
		})
		.build();

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private DynamoDbClient client;

	private String table;

	private DynamoDbEventLog log;

	@BeforeAll
	void tables() {
		this.client = DynamoDbTestServer.get().newClient();
		this.log = FreshEventLogs.on(this.client, "bench_aggregates");
		this.table = this.log.tableName();
		this.log.bootstrap();
		this.log.createStream(ACCOUNT.parent());
		this.log.createStream(StreamName.of("/bench-one-stream"));
	}

	@AfterAll
	void close() {
		this.client.close();
	}

	@Test
	void writersOnDistinctStreamsAgainstWritersOnOneStream() throws InterruptedException {
		Duration each = Duration.ofSeconds(this.full ? 10 : 1);
		Aggregates<long[]> accounts = Aggregates.builder(ACCOUNT, this.log).codec(BankEvents.CODEC).build();
		Map<Integer, double[]> distinct = new java.util.TreeMap<>();
		for (int writers : new int[] { 1, 4, 16, 64 }) {
			List<String> ids = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				String id = "w" + writers + "-" + w;
				accounts.create(id, (balance, events) -> null);
				ids.add(id);
			}
			AtomicLong conflicts = new AtomicLong();
			double commitsPerSecond = run(writers, each, (w) -> {
				AtomicLong runs = new AtomicLong();
				accounts.execute(ids.get(w), (balance, events) -> {
					runs.incrementAndGet();
					events.append(new Deposited("d", 1));
					return null;
				});
				// A run beyond the first is an attempt after a conflict.
				conflicts.addAndGet(runs.get() - 1);
			});
			distinct.put(writers, new double[] { commitsPerSecond, conflicts.get() });
			System.out.printf("bench | distinct streams, %2d writers (Aggregates.execute) | %d s | %.0f commits/s | "
					+ "%d conflicts%n", writers, each.toSeconds(), commitsPerSecond, conflicts.get());
		}
		StreamName one = StreamName.of("/bench-one-stream");
		AtomicLong oneConflicts = new AtomicLong();
		List<Reader> readers = new ArrayList<>();
		for (int w = 0; w < 16; w++) {
			readers.add(Reader.builder(new BenchmarkTests.Counting(one), this.log).listener(new ReaderListener() {
				@Override
				public void conflict(int attempt, OptimisticLockingException conflict) {
					oneConflicts.incrementAndGet();
				}
			}).build());
		}
		double oneStream = run(16, each, (w) -> {
			try {
				readers.get(w).transactWrite((attempt) -> attempt.append(deposit()));
			}
			catch (TransactWriteExhaustedException ex) {
				// Counted as no commit.
			}
		});
		System.out.printf("bench | one stream, 16 writers (transactWrite) | %d s | %.0f commits/s | %d conflicts%n",
				each.toSeconds(), oneStream, oneConflicts.get());
		BenchmarkReport.print("16 writers: distinct streams vs one stream", each.toSeconds() + " s each, same run",
				"ms/commit", 1000 / distinct.get(16)[0], 1000 / oneStream, "speed-up", ">= 5x faster, zero conflicts");
		assertThat(distinct.values()).allSatisfy((figures) -> assertThat(figures[1]).isZero());
	}

	@Test
	void aCommandOnACachedAggregateAgainstAQueryAndAConditionalPutItem() {
		int rounds = this.full ? 20 : 6;
		int perRound = 50;
		Aggregates<long[]> accounts = Aggregates.builder(ACCOUNT, this.log).codec(BankEvents.CODEC).build();
		accounts.create("cached", (balance, events) -> null);
		StreamName byHand = ACCOUNT.streamOf("by-hand");
		this.log.createStream(byHand);
		Pass.Sides sides = Pass.interleave(rounds, () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				accounts.execute("cached", (balance, events) -> {
					events.append(new Deposited("d", 1));
					return balance[0] + 1;
				});
			}
			return perRound;
		}), () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				PlainSdk.putIfAbsent(this.client, this.table, byHand, headVersion(byHand) + 1, deposit().toStored());
			}
			return perRound;
		}));
		BenchmarkReport.print("command: cached aggregate vs Query + conditional PutItem",
				rounds + " interleaved rounds of " + perRound + " sequential commands, 1 event, median", "ms/command",
				sides.library(Pass::millisPerEvent), sides.baseline(Pass::millisPerEvent), "time", "<= 0.7");
	}

	// What a hand-written command reads before it writes: the newest entry's version.
	private long headVersion(StreamName stream) {
		List<Map<String, AttributeValue>> items = this.client.query((query) -> query.tableName(this.table)
			.keyConditionExpression("s = :s")
			.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stream.toString())))
			.scanIndexForward(false)
			.limit(1)
			.consistentRead(true)).items();
		return Long.parseLong(items.get(0).get("v").n());
	}

	// Shared with the other benchmarks that run writers for a while: the rate of commands that returned.
	static double run(int writers, Duration each, java.util.function.IntConsumer command)
			throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong commits = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			threads.add(new Thread(() -> {
				while (running.get()) {
					command.accept(writer);
					commits.incrementAndGet();
				}
			}));
		}
		long start = System.nanoTime();
		threads.forEach(Thread::start);
		Thread.sleep(each.toMillis());
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		return commits.get() / ((System.nanoTime() - start) / 1e9);
	}

	private static LogData deposit() {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited("d", 1), EventMeta.system(Instant.EPOCH))));
	}

}
