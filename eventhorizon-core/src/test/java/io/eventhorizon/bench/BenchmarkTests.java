package io.eventhorizon.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;

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
import io.eventhorizon.dynamodb.DynamoDbListener;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents;
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
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks against a baseline of hand-written SDK calls on the same dynalite, in the same
 * run, reported as ratios (not part of the default run):
 *
 * <pre>
 * ./mvnw -pl eventhorizon-core -am verify -Pbench                     # smoke: under a minute
 * ./mvnw -pl eventhorizon-core -am verify -Pbench -Dbench.mode=full   # the figures in docs/performance.md
 * </pre>
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkTests {

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private DynamoDbClient client;

	private String table;

	private DynamoDbEventLog log;

	@BeforeAll
	void tables() {
		this.client = DynamoDbTestServer.get().newClient();
		this.log = FreshEventLogs.on(this.client, "bench");
		this.table = this.log.tableName();
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
		StreamName libraryStream = stream("append-lib");
		StreamName baselineStream = stream("append-raw");
		LogData data = deposits(1, 200);
		AtomicReference<Cursor> libraryHead = new AtomicReference<>(libraryStream.at(0));
		AtomicLong baselineVersion = new AtomicLong();
		Pass.Sides sides = Pass.interleave(rounds, () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				libraryHead.set(this.log.appendAfter(libraryHead.get(), data));
			}
			return perRound;
		}), () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				PlainSdk.putIfAbsent(this.client, this.table, baselineStream, baselineVersion.incrementAndGet(),
						data.toStored());
			}
			return perRound;
		}));
		String settings = rounds + " interleaved rounds of " + perRound
				+ " sequential appends, 1 event of ~200 B, median";
		report("append: appendAfter vs conditional PutItem", settings, "ms/append", sides.library(Pass::millisPerEvent),
				sides.baseline(Pass::millisPerEvent), "time", "<= 1.10");
		report("append, CPU of the appending thread", settings, "us/append", sides.library(Pass::cpuMicrosPerEvent),
				sides.baseline(Pass::cpuMicrosPerEvent), "cost", "profile");
		report("append, bytes allocated by the appending thread", settings, "B/append",
				sides.library(Pass::bytesPerEvent), sides.baseline(Pass::bytesPerEvent), "cost", "profile");
	}

	@Test
	void appendWithTheChangeFeedAgainstWithout() {
		int rounds = this.full ? 20 : 6;
		int perRound = 50;
		DynamoDbEventLog withoutFeed = DynamoDbEventLog.builder(this.client).tableName(this.table).changeFeed(false).build();
		StreamName fedStream = stream("append-fed");
		StreamName unfedStream = stream("append-unfed");
		LogData data = deposits(1, 200);
		AtomicReference<Cursor> fedHead = new AtomicReference<>(fedStream.at(0));
		AtomicReference<Cursor> unfedHead = new AtomicReference<>(unfedStream.at(0));
		Pass.Sides sides = Pass.interleave(rounds, () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				fedHead.set(this.log.appendAfter(fedHead.get(), data));
			}
			return perRound;
		}), () -> Pass.measure(() -> {
			for (int i = 0; i < perRound; i++) {
				unfedHead.set(withoutFeed.appendAfter(unfedHead.get(), data));
			}
			return perRound;
		}));
		report("append: change feed on vs off", rounds + " interleaved rounds of " + perRound
				+ " sequential appends below the root, 1 event of ~200 B, median", "ms/append",
				sides.library(Pass::millisPerEvent), sides.baseline(Pass::millisPerEvent), "time", "<= 1.10");
	}

	@Test
	void catchUpAgainstAQueryLoopWithJackson() {
		int entries = this.full ? 20_000 : 2_000;
		int rounds = this.full ? 9 : 5;
		StreamName stream = stream("catchup");
		fill(stream, entries, 1);
		Pass.Sides sides = Pass.interleave(rounds, () -> libraryCatchUp(stream),
				() -> Pass.measure(() -> PlainSdk.readEvents(this.client, this.table, stream, -1, PlainSdk.EventVisitor.NONE)));
		String settings = entries + " entries of 1 event (" + deposits(1).storedSize() + " B), page 100, median of "
				+ rounds + " interleaved passes";
		report("catch-up: Reader into a no-op processor vs Query loop + Jackson", settings, "events/s",
				sides.library(Pass::eventsPerSecond), sides.baseline(Pass::eventsPerSecond), "rate", ">= 0.90");
		report("catch-up, CPU of the reading thread", settings, "us/event", sides.library(Pass::cpuMicrosPerEvent),
				sides.baseline(Pass::cpuMicrosPerEvent), "cost", "profile");
		report("catch-up, bytes allocated by the reading thread", settings, "B/event",
				sides.library(Pass::bytesPerEvent), sides.baseline(Pass::bytesPerEvent), "cost", "profile");
	}

	private Pass libraryCatchUp(StreamName stream) {
		return Pass.measure(() -> {
			Counting processor = new Counting(stream);
			Reader.builder(processor, this.log).build().loadUntilRealtime();
			return processor.events.get();
		});
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
		report("catch-up from a snapshot 10 entries before the head vs from the beginning",
				entries + " entries of 1 event (" + deposits(1).storedSize() + " B), page 100", "ms to realtime", snapshotMs,
				beginningMs, "speed-up", ">= 20x faster");
	}

	@Test
	void contentionOfWritersOnOneStream() throws InterruptedException {
		Duration each = Duration.ofSeconds(this.full ? 10 : 1);
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
							reader.transactWrite((attempt) -> attempt.append(deposits(id, 50)));
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
			RememberingAmounts check = new RememberingAmounts(stream);
			Reader.builder(check, this.log).build().loadUntilRealtime();
			check.amounts.forEach((amount) -> stored.merge(amount, 1, Integer::sum));
			assertThat(acknowledged).allSatisfy((id) -> assertThat(stored.get(id)).isEqualTo(1));
			System.out.printf("bench | contention, %2d writers (transactWrite) | %d s, 1 event of %d B per commit, "
					+ "4 attempts | %.0f commits/s | %.2f conflicts per commit | %d exhausted | none lost: "
					+ "%d acknowledged, %d stored%n", writers, each.toSeconds(), deposits(1, 50).storedSize(),
					commits.get() / seconds, (double) conflicts.get() / Math.max(1, commits.get()), exhausted.get(),
					acknowledged.size(), stored.size());
		}
	}

	@Test
	void catchUpOfAMillionEventsUnderA128MegabyteHeap() throws Exception {
		int eventsPerEntry = 100;
		int entries = (this.full ? 1_000_000 : 50_000) / eventsPerEntry;
		StreamName stream = stream("heap");
		fill(stream, entries, eventsPerEntry);
		long expected = (long) entries * eventsPerEntry;
		Map<String, Long> library = Map.of();
		Map<String, Long> baseline = Map.of();
		for (int round = 0; round < (this.full ? 2 : 1); round++) {
			library = catchUpInAJvmOfItsOwn("library", stream);
			baseline = catchUpInAJvmOfItsOwn("baseline", stream);
		}
		assertThat(library.get("events")).as("events the library read, with the stream's start event")
			.isEqualTo(expected + 1);
		assertThat(baseline.get("events")).as("events the baseline read").isEqualTo(expected);
		String settings = expected + " events in " + entries + " entries of " + eventsPerEntry
				+ " (~100 B each), page 100, -Xmx128m, a JVM of its own per run"
				+ (this.full ? ", second of two runs" : "");
		report("catch-up under a 128 MB heap: Reader vs Query loop + Jackson", settings, "events/s",
				expected * 1000.0 / library.get("millis"), expected * 1000.0 / baseline.get("millis"), "rate",
				"completes");
		report("catch-up under a 128 MB heap, peak heap used (sum of the pools' peaks)", settings, "MB",
				library.get("peakHeapBytes") / 1e6, baseline.get("peakHeapBytes") / 1e6, "cost", "< 128 MB");
		report("catch-up under a 128 MB heap, most heap left in use after a collection", settings, "MB",
				library.get("liveHeapBytes") / 1e6, baseline.get("liveHeapBytes") / 1e6, "cost",
				"flat: streaming, not loading everything");
	}

	private Map<String, Long> catchUpInAJvmOfItsOwn(String mode, StreamName stream) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", classPath,
				HeapLimitedCatchUp.class.getName(), mode, this.table, stream.toString())
			.redirectErrorStream(true);
		builder.environment().put(DynamoDbTestServer.ENDPOINT_VARIABLE, DynamoDbTestServer.get().endpoint().toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished").isTrue();
		assertThat(process.exitValue()).as("exit code of the %s run; its output:%n%s", mode, output).isZero();
		Map<String, Long> figures = new HashMap<>();
		String last = output.lines().filter((line) -> line.startsWith("events=")).reduce((a, b) -> b).orElseThrow();
		for (String pair : last.split(" ")) {
			String[] keyValue = pair.split("=");
			figures.put(keyValue[0], Long.parseLong(keyValue[1]));
		}
		return figures;
	}

	@Test
	void capacityUnitsPerThousandEventsAgainstOneItemPerEvent() {
		int events = 1000;
		System.out.printf("bench | cost model | %d events of ~100 B; the library's items carry s, v, d and the "
				+ "16-byte commit id i; the baseline stores one item (s, v, d) per event%n", events);
		StreamName baseline = StreamName.root().child("cost-raw");
		double baselineWrites = fill(baseline, events, 1);
		double baselineReads = PlainSdk.readCapacity(this.client, this.table, baseline, 0);
		for (int eventsPerEntry : new int[] { 1, 10, 100 }) {
			StreamName stream = stream("cost-" + eventsPerEntry);
			CapacityCounter counter = new CapacityCounter();
			DynamoDbEventLog counted = DynamoDbEventLog.builder(this.client).tableName(this.table).listener(counter)
				.build();
			Cursor head = stream.at(0);
			LogData data = deposits(eventsPerEntry);
			double modelledWrites = 0;
			for (int i = 0; i < events / eventsPerEntry; i++) {
				head = counted.appendAfter(head, data);
				modelledWrites += Math.ceil(itemSize(stream, head.version(), data.storedSize(), true) / 1024.0);
			}
			double libraryWrites = counter.take("PutItem");
			Reader.builder(new Counting(stream), counted).build().loadUntilRealtime();
			double libraryReads = counter.take("Query") + counter.take("GetItem");
			counted.append(stream, data);
			double headQuery = counter.take("Query");

			double deflated = Math.ceil(itemSize(stream, head.version(), deflatedSize(data) + 1, true) / 1024.0)
					* events / eventsPerEntry;

			assertThat(libraryWrites).as("write units as DynamoDB's size rules give them").isEqualTo(modelledWrites);
			String settings = eventsPerEntry + " events per entry, entry ~" + data.storedSize() + " B";
			report("write capacity units per " + events + " events vs one item per event", settings, "WCU",
					libraryWrites, baselineWrites, "cost", "fewer with more events per entry");
			report("read capacity units per " + events + " events (catch-up, strongly consistent) vs one item per event",
					settings, "RCU", libraryReads, baselineReads, "cost", "fewer with more events per entry");
			System.out.printf("bench | cost, %d events per entry | appending at the head (not after a known cursor) "
					+ "adds a head Query of %.1f RCU per append | deflate (not implemented; estimate from the "
					+ "compressed size) would write %.0f WCU per %d events%n", eventsPerEntry, headQuery, deflated,
					events);
		}
	}

	// DynamoDB's item size: attribute names plus values (a number takes about half its digits).
	private static int itemSize(StreamName stream, long version, int storedBytes, boolean withCommitId) {
		int digits = Long.toString(version).length();
		int number = 1 + (digits + 1) / 2;
		return 1 + stream.toString().length() + 1 + number + 1 + storedBytes + (withCommitId ? 1 + 8 : 0);
	}

	private static int deflatedSize(LogData data) {
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		deflater.setInput(data.payload());
		deflater.finish();
		byte[] buffer = new byte[data.storedSize() + 64];
		int size = deflater.deflate(buffer);
		deflater.end();
		return size;
	}

	/** Sums the capacity units the event log reports, per operation. */
	static final class CapacityCounter implements DynamoDbListener {

		private final Map<String, Double> units = new ConcurrentHashMap<>();

		@Override
		public void capacityConsumed(String table, String operation, double capacityUnits) {
			this.units.merge(operation, capacityUnits, Double::sum);
		}

		double take(String operation) {
			Double taken = this.units.remove(operation);
			return (taken != null) ? taken : 0;
		}

	}

	// Writes entries after the stream's start as the library stores them (without commit
	// ids), 25 to a batch: quicker than one put each for filling large streams. Returns the
	// write capacity units.
	private double fill(StreamName stream, int entries, int eventsPerEntry) {
		byte[] stored = deposits(eventsPerEntry).toStored();
		double writeUnits = 0;
		List<WriteRequest> batch = new ArrayList<>();
		for (int version = 1; version <= entries; version++) {
			Map<String, AttributeValue> item = PlainSdk.item(stream, version, stored);
			batch.add(WriteRequest.builder().putRequest((put) -> put.item(item)).build());
			if (batch.size() == 25 || version == entries) {
				Map<String, List<WriteRequest>> unprocessed = Map.of(this.table, List.copyOf(batch));
				while (!unprocessed.isEmpty()) {
					Map<String, List<WriteRequest>> requests = unprocessed;
					BatchWriteItemResponse response = this.client.batchWriteItem((write) -> write.requestItems(requests)
						.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
					writeUnits += response.consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
					unprocessed = response.unprocessedItems();
				}
				batch.clear();
			}
		}
		return writeUnits;
	}

	private StreamName stream(String name) {
		StreamName stream = StreamName.root().child(name);
		this.log.createStream(stream);
		return stream;
	}

	// Deposits of ~100 B per line with random ids, amounts and times: varied as real events
	// are, so that compression is not flattered.
	private static LogData deposits(int count) {
		Random random = new Random(count);
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
			events.add(Event.of(new Deposited(id, random.nextInt(1_000_000)),
					EventMeta.of(Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(86_400_000)), "u-42")));
		}
		return BankEvents.CODEC.encode(events);
	}

	private static LogData deposits(long amount, int padding) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited("x".repeat(padding), amount),
				EventMeta.of(Instant.parse("2026-01-01T00:00:00Z"), "bench"))));
	}

	private static void report(String scenario, String settings, String unit, double library, double baseline,
			String kind, String target) {
		BenchmarkReport.print(scenario, settings, unit, library, baseline, kind, target);
	}

	/** A processor that only counts: it holds nothing per event. */
	static class Counting extends InMemoryProcessor {

		final AtomicLong events = new AtomicLong();

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

	/** A processor that also remembers every deposit's amount, for the contention check. */
	static final class RememberingAmounts extends Counting {

		final List<Long> amounts = new ArrayList<>();

		RememberingAmounts(StreamName stream) {
			super(stream);
		}

		@Override
		protected void apply(Event event) {
			super.apply(event);
			if (event.payload() instanceof Deposited deposited) {
				this.amounts.add(deposited.amount());
			}
		}

	}

}
