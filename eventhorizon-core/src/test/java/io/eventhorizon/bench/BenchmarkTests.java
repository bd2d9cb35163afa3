package io.eventhorizon.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.client.InMemoryProcessor;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks against a baseline of hand-written SDK calls on the same dynalite, in the same
 * run, reported as ratios (not part of the default run):
 *
 * <pre>
 * ./mvnw -pl eventhorizon-core -am verify -Pbench                     # smoke: under a minute
 * ./mvnw -pl eventhorizon-core -am verify -Pbench -Dbench.mode=full   # larger counts
 * </pre>
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private DynamoDbClient client;

	private String table;

	private DynamoDbEventLog log;

	@BeforeAll
	void tables() {
		this.client = DynamoDbTestServer.get().newClient();
		this.table = DynamoDbTestServer.uniqueTableName("bench");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		this.log = DynamoDbEventLog.builder(this.client).tableName(this.table).build();
		this.log.bootstrap();
	}

	@AfterAll
	void close() {
		this.client.close();
	}

	@Test
	void appendAfterAgainstAConditionalPutItem() {
		int rounds = this.full ? 20 : 6;
		int perRound = 50;
		StreamName library = stream("append-lib");
		StreamName baseline = stream("append-raw");
		LogData data = deposits(1, 200);
		Cursor libraryHead = library.at(0);
		long baselineVersion = 0;
		long libraryNanos = 0;
		long baselineNanos = 0;
		for (int round = 0; round < rounds; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < perRound; i++) {
				libraryHead = this.log.appendAfter(libraryHead, data);
			}
			libraryNanos += (round > 0) ? System.nanoTime() - start : 0;
			start = System.nanoTime();
			for (int i = 0; i < perRound; i++) {
				baselineVersion++;
				rawPut(baseline, baselineVersion, data.toStored());
			}
			baselineNanos += (round > 0) ? System.nanoTime() - start : 0;
		}
		int measured = (rounds - 1) * perRound;
		report("append: appendAfter vs conditional PutItem", measured + " appends each, 1 event of ~200 B",
				"ms/append", libraryNanos / 1e6 / measured, baselineNanos / 1e6 / measured, "time", "<= 1.10");
	}

	@Test
	void catchUpAgainstAQueryLoopWithJackson() {
		int entries = this.full ? 20_000 : 2_000;
		StreamName stream = stream("catchup");
		fill(stream, entries, 1);
		double libraryRate = 0;
		double baselineRate = 0;
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			Counting processor = new Counting(stream);
			Reader.builder(processor, this.log).build().loadUntilRealtime();
			libraryRate = Math.max(libraryRate, processor.events.get() / ((System.nanoTime() - start) / 1e9));
			start = System.nanoTime();
			long events = rawCatchUp(stream);
			baselineRate = Math.max(baselineRate, events / ((System.nanoTime() - start) / 1e9));
		}
		report("catch-up: Reader into a no-op processor vs Query loop + Jackson", entries + " entries, page 100",
				"events/s", libraryRate, baselineRate, "rate", ">= 0.90");
	}

	@Test
	void catchUpFromASnapshotNearTheHeadAgainstFromTheBeginning() {
		int entries = this.full ? 100_000 : 5_000;
		StreamName stream = stream("snapshots");
		fill(stream, entries, 1);
		SnapshotPerspective perspective = SnapshotPerspective.v1("bench");
		InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
		snapshots.write(Snapshot.of(stream.at(entries - 10), perspective, "0".getBytes(StandardCharsets.UTF_8)));

		long start = System.nanoTime();
		Counting fromBeginning = new Counting(stream);
		Reader.builder(fromBeginning, this.log).build().loadUntilRealtime();
		double beginningMs = (System.nanoTime() - start) / 1e6;
		start = System.nanoTime();
		Counting fromSnapshot = new Counting(stream, perspective);
		Reader.builder(fromSnapshot, this.log)
			.snapshotStore(snapshots)
			.snapshotPolicy(new SnapshotPolicy(Duration.ofDays(1), 1))
			.build()
			.loadUntilRealtime();
		double snapshotMs = (System.nanoTime() - start) / 1e6;

		assertThat(fromSnapshot.cursor()).isEqualTo(fromBeginning.cursor());
		report("catch-up from a snapshot 10 entries before the head vs from the beginning", entries + " entries",
				"ms to realtime", snapshotMs, beginningMs, "time", ">= 20x faster");
	}

	@Test
	void contentionOfWritersOnOneStream() throws InterruptedException {
		Duration each = Duration.ofSeconds(this.full ? 10 : 3);
		for (int writers : new int[] { 1, 4, 16 }) {
			StreamName stream = stream("contention-" + writers);
			AtomicLong commits = new AtomicLong();
			AtomicLong conflicts = new AtomicLong();
			AtomicLong exhausted = new AtomicLong();
			Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
			AtomicLong ids = new AtomicLong();
			AtomicBoolean running = new AtomicBoolean(true);
			List<Thread> threads = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				Counting processor = new Counting(stream);
				Reader reader = Reader.builder(processor, this.log).listener(new ReaderListener() {
					@Override
					public void conflict(int attempt, OptimisticLockingException conflict) {
						conflicts.incrementAndGet();
					}
				}).build();
				threads.add(new Thread(() -> {
					while (running.get()) {
						long id = ids.incrementAndGet();
						try {
							reader.transactWrite(() -> this.log.appendAfter(processor.cursor(), deposits(id, 50)));
							acknowledged.add(id);
							commits.incrementAndGet();
						}
						catch (TransactWriteExhaustedException ex) {
							exhausted.incrementAndGet();
						}
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
			double seconds = (System.nanoTime() - start) / 1e9;
			Map<Long, Integer> stored = new HashMap<>();
			Counting check = new Counting(stream);
			Reader.builder(check, this.log).build().loadUntilRealtime();
			check.amounts.forEach((amount) -> stored.merge(amount, 1, Integer::sum));
			assertThat(acknowledged).allSatisfy((id) -> assertThat(stored.get(id)).isEqualTo(1));
			System.out.printf("bench | contention, %2d writers (transactWrite) | %.0f commits/s | %.2f conflicts "
					+ "per commit | %d exhausted | none lost: %d acknowledged, %d stored%n", writers,
					commits.get() / seconds, (double) conflicts.get() / Math.max(1, commits.get()), exhausted.get(),
					acknowledged.size(), stored.size());
		}
	}

	private void fill(StreamName stream, int entries, int eventsPerEntry) {
		Cursor head = stream.at(0);
		LogData data = deposits(1, 100);
		for (int i = 0; i < entries; i++) {
			head = this.log.appendAfter(head, data);
		}
	}

	private StreamName stream(String name) {
		StreamName stream = StreamName.root().child(name);
		this.log.createStream(stream);
		return stream;
	}

	private void rawPut(StreamName stream, long version, byte[] stored) {
		this.client.putItem((put) -> put.tableName(this.table)
			.item(Map.of("s", AttributeValue.fromS(stream.toString()), "v",
					AttributeValue.fromN(Long.toString(version)), "d",
					AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(stored))))
			.conditionExpression("attribute_not_exists(s) AND attribute_not_exists(v)"));
	}

	private long rawCatchUp(StreamName stream) {
		long events = 0;
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> exclusiveStart = start;
			QueryResponse page = this.client.query((query) -> query.tableName(this.table)
				.keyConditionExpression("s = :s AND v > :v")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stream.toString()), ":v",
						AttributeValue.fromN("-1")))
				.exclusiveStartKey(exclusiveStart)
				.limit(100)
				.consistentRead(true));
			for (Map<String, AttributeValue> item : page.items()) {
				byte[] stored = item.get("d").b().asByteArrayUnsafe();
				String text = new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
				for (String line : text.split("\n")) {
					int split = line.indexOf("} ") + 1;
					JSON.readTree(line.substring(0, split));
					JSON.readTree(line.substring(split + 1));
					events++;
				}
			}
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return events;
	}

	private static LogData deposits(long amount, int padding) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited("x".repeat(padding), amount),
				EventMeta.of(Instant.parse("2026-01-01T00:00:00Z"), "bench"))));
	}

	private static void report(String scenario, String settings, String unit, double library, double baseline,
			String kind, String target) {
		double ratio = library / baseline;
		System.out.printf("bench | %s | %s | library %.3f %s | baseline %.3f %s | ratio %.2f (%s; target %s)%n",
				scenario, settings, library, unit, baseline, unit, ratio, kind, target);
	}

	/** A processor that only counts (and remembers amounts, for the contention check). */
	static final class Counting extends InMemoryProcessor {

		final AtomicLong events = new AtomicLong();

		final List<Long> amounts = new ArrayList<>();

		Counting(StreamName stream) {
			super(stream);
		}

		Counting(StreamName stream, SnapshotPerspective perspective) {
			super(stream, perspective);
		}

		@Override
		public EventTypes eventTypes() {
			return BankEvents.TYPES;
		}

		@Override
		protected void apply(Event event) {
			this.events.incrementAndGet();
			if (event.payload() instanceof Deposited deposited) {
				this.amounts.add(deposited.amount());
			}
		}

		@Override
		protected byte[] snapshotState() {
			return Long.toString(this.events.get()).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		protected void restoreState(byte[] data) {
			this.events.set(Long.parseLong(new String(data, StandardCharsets.UTF_8)));
		}

	}

}
