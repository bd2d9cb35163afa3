package io.eventhorizon.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.tree.TreeReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of the lag of a tree processor in another instance on dynalite: two event logs
 * on one table, each with a client of its own; two writer threads append through one at
 * 200 appends a second in all, each to one of 1 000 streams picked at random, while a
 * {@link TreeReader} on the other polls at a fixed rate. The lag of an entry is the moment
 * the processor applied it minus the moment its append returned to the writer (one JVM, one
 * clock). Poll intervals 250 ms and 1 s; full mode writes for 30 s each, smoke mode for 5 s.
 *
 * <pre>
 * ./mvnw -B -ntp -pl eventhorizon-core -am verify -Pbench -Dbench.mode=full -Dtest=TreeLagBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeLagBenchmarkTests {

	private static final int STREAMS = 1_000;

	private static final int APPENDS_PER_SECOND = 200;

	private static final int WRITERS = 2;

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final Duration writing = Duration.ofSeconds(this.full ? 30 : 5);

	private final QueryCounter readerQueries = new QueryCounter();

	private DynamoDbClient writerClient;

	private DynamoDbClient readerClient;

	private DynamoDbEventLog writerLog;

	private DynamoDbEventLog readerLog;

	@BeforeAll
	void instances() {
		this.writerClient = DynamoDbTestServer.get().newClient();
		this.readerClient = DynamoDbTestServer.get().newClient(this.readerQueries);
		this.writerLog = FreshEventLogs.on(this.writerClient, "bench_tree_lag");
		this.writerLog.bootstrap();
		this.readerLog = DynamoDbEventLog.builder(this.readerClient).tableName(this.writerLog.tableName()).build();
	}

	@AfterAll
	void close() {
		this.writerClient.close();
		this.readerClient.close();
	}

	@Test
	void aTreeProcessorInAnotherInstanceAppliesEachAppendWithinAPollIntervalAndAHundredMilliseconds()
			throws InterruptedException {
		for (Duration pollInterval : List.of(Duration.ofMillis(250), Duration.ofSeconds(1))) {
			lag(pollInterval);
		}
	}

	private void lag(Duration pollInterval) throws InterruptedException {
		StreamName tree = StreamName.of("/lag-" + pollInterval.toMillis());
		this.writerLog.createStream(tree);
		List<StreamName> streams = new BatchWrittenTree(this.writerClient, this.writerLog,
				Instant.now().minus(Duration.ofHours(1)))
			.write(tree, STREAMS, 1, TreeCatchUpBenchmarkTests.deposit());
		int capacity = (int) (APPENDS_PER_SECOND * this.writing.toSeconds() * 2);
		long[] appendedNanos = new long[capacity];
		long[] appliedNanos = new long[capacity];
		CountingTree processor = new CountingTree(tree) {

			@Override
			protected void deposited(Deposited deposited) {
				appliedNanos[Integer.parseInt(deposited.id())] = System.nanoTime();
			}

		};
		TreeReader reader = TreeReader.builder(processor, this.readerLog, tree).build();
		reader.loadUntilRealtime();
		ConcurrentLinkedQueue<Long> pollNanos = new ConcurrentLinkedQueue<>();
		QueryCounter.Counts before = this.readerQueries.counts();
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
		poller.scheduleAtFixedRate(() -> {
			long start = System.nanoTime();
			reader.loadUntilRealtime();
			pollNanos.add(System.nanoTime() - start);
		}, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
		int appends = write(streams, appendedNanos);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (processor.deposits() < appends && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
		poller.shutdown();
		assertThat(poller.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(processor.deposits()).isEqualTo(appends);
		report(pollInterval, appends, appendedNanos, appliedNanos, pollNanos,
				this.readerQueries.counts().since(before));
	}

	// Each writer appends to its own half of the streams, on a fixed schedule; returns the
	// number of appends, each numbered by its deposit's id.
	private int write(List<StreamName> streams, long[] appendedNanos) throws InterruptedException {
		AtomicInteger sequence = new AtomicInteger();
		long periodNanos = Duration.ofSeconds(1).toNanos() * WRITERS / APPENDS_PER_SECOND;
		long start = System.nanoTime();
		long end = start + this.writing.toNanos();
		List<Thread> writers = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			int writer = w;
			writers.add(new Thread(() -> {
				Random random = new Random(writer);
				Cursor[] heads = new Cursor[streams.size()];
				for (long due = start + writer * periodNanos / WRITERS; due < end; due += periodNanos) {
					LockSupport.parkNanos(due - System.nanoTime());
					int index = random.nextInt(streams.size() / WRITERS) * WRITERS + writer;
					Cursor head = (heads[index] != null) ? heads[index] : streams.get(index).at(0);
					int number = sequence.getAndIncrement();
					heads[index] = this.writerLog.appendAfter(head, deposit(number));
					appendedNanos[number] = System.nanoTime();
				}
			}));
		}
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join();
		}
		return sequence.get();
	}

	private void report(Duration pollInterval, int appends, long[] appendedNanos, long[] appliedNanos,
			ConcurrentLinkedQueue<Long> pollNanos, QueryCounter.Counts counts) {
		List<Double> lags = new ArrayList<>();
		for (int number = 0; number < appends; number++) {
			lags.add((appliedNanos[number] - appendedNanos[number]) / 1e6);
		}
		lags.sort(null);
		double[] polls = pollNanos.stream().mapToDouble((nanos) -> nanos / 1e6).sorted().toArray();
		int pollCount = polls.length;
		double bound = pollInterval.toMillis() + 100;
		String settings = appends + " appends in " + this.writing.toSeconds() + " s ("
				+ String.format("%.0f", appends / (double) this.writing.toSeconds()) + "/s) by " + WRITERS
				+ " writers over " + STREAMS + " streams, reader in another instance polling every "
				+ pollInterval.toMillis() + " ms";
		System.out.printf("bench | tree lag, poll %d ms | %s | p50 %.1f ms, p99 %.1f ms, max %.1f ms, min %.1f ms | "
				+ "%d polls, duration p50 %.1f ms, max %.1f ms | per poll: %.1f feed Queries (%.0f records), %.1f "
				+ "stream Queries%n", pollInterval.toMillis(), settings, BenchmarkReport.percentile(lags, 50),
				BenchmarkReport.percentile(lags, 99), lags.get(lags.size() - 1), lags.get(0), pollCount,
				(pollCount > 0) ? polls[pollCount / 2] : 0, (pollCount > 0) ? polls[pollCount - 1] : 0,
				(double) counts.feedQueries() / pollCount, (double) counts.feedItems() / pollCount,
				(double) counts.streamQueries() / pollCount);
		BenchmarkReport.print("tree lag p99 vs poll interval + 100 ms, poll " + pollInterval.toMillis() + " ms",
				settings, "ms", BenchmarkReport.percentile(lags, 99), bound, "time", "<= 1.00");
		assertThat(Arrays.stream(appliedNanos, 0, appends)).doesNotContain(0L);
	}

	private static LogData deposit(int number) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited(Integer.toString(number), 1),
				EventMeta.of(Instant.parse("2026-01-01T09:41:27Z"), "u-42"))));
	}

}
