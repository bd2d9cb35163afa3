package io.eventhorizon.bench;

import java.time.Duration;
import java.time.Instant;

import io.eventhorizon.bench.BenchmarkTests.CapacityCounter;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.SettableClock;
import io.eventhorizon.tree.FeedPosition;
import io.eventhorizon.tree.TreeReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of what an idle tree processor costs on dynalite, over a small and a large tree
 * in one table: the read units DynamoDB reports ({@code ReturnConsumedCapacity=TOTAL}, via
 * the event log's {@code DynamoDbListener}) and the {@code Query} calls, per poll and per
 * second at one poll a second. The reader's clock moves 1 s per poll, so two simulated
 * minutes hold two backtracks, as they would in real time. Full mode: 1 000 against
 * 100 000 streams; smoke mode: 1 000 against 20 000.
 * <p>
 * Both readers start from a stored feed position, as after a restart: walking 100 000
 * streams first would take minutes on dynalite and is what the catch-up benchmark measures.
 *
 * <pre>
 * ./mvnw -B -ntp -pl eventhorizon-core -am verify -Pbench -Dbench.mode=full -Dtest=TreeIdleCostBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeIdleCostBenchmarkTests {

	private static final int SMALL = 1_000;

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private static final int POLLS = 120;

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final int large = this.full ? 100_000 : 20_000;

	private final QueryCounter queries = new QueryCounter();

	private final CapacityCounter capacity = new CapacityCounter();

	private DynamoDbClient client;

	private DynamoDbEventLog log;

	@BeforeAll
	void trees() {
		this.client = DynamoDbTestServer.get().newClient(this.queries);
		DynamoDbEventLog writer = FreshEventLogs.on(this.client, "bench_tree_idle");
		writer.bootstrap();
		this.log = DynamoDbEventLog.builder(this.client).tableName(writer.tableName()).listener(this.capacity).build();
		// Written an hour ago: idle means nothing in any feed window.
		BatchWrittenTree trees = new BatchWrittenTree(this.client, writer, Instant.now().minus(Duration.ofHours(1)));
		for (int streams : new int[] { SMALL, this.large }) {
			long start = System.nanoTime();
			writer.createStream(tree(streams));
			trees.write(tree(streams), streams, 1, TreeCatchUpBenchmarkTests.deposit());
			System.out.printf("bench | tree idle cost data set | %d streams written in %.1f s%n", streams,
					(System.nanoTime() - start) / 1e9);
		}
	}

	@AfterAll
	void close() {
		this.client.close();
	}

	@Test
	void anIdleTreeProcessorCostsTheSameOverAHundredTimesMoreStreams() {
		Idle small = idle(SMALL);
		Idle large = idle(this.large);
		String settings = POLLS + " polls, reader clock +" + POLL_INTERVAL.toSeconds() + " s per poll (backtrack every"
				+ " 1 min), from a stored position, same table" + (this.full ? "" : " (smoke: 20 000 streams, not 100 000)");
		for (Idle each : new Idle[] { small, large }) {
			System.out.printf("bench | tree idle cost, %d streams | %s | %.3f read units/s at one poll a second | "
					+ "%.2f feed Queries per poll | %d feed items returned, %d matched before the filter, in all | "
					+ "%.2f stream Queries per poll%n", each.streams(), settings, each.unitsPerSecond(),
					each.feedQueriesPerPoll(), each.counts().feedItems(), each.counts().feedScanned(),
					(double) each.counts().streamQueries() / POLLS);
		}
		BenchmarkReport.print("tree idle cost: " + this.large + " streams vs " + SMALL + " streams", settings,
				"read units/s", large.unitsPerSecond(), small.unitsPerSecond(), "cost", "1.00 +- 0.10");
		BenchmarkReport.print("tree idle calls: " + this.large + " streams vs " + SMALL + " streams", settings,
				"Queries/poll", large.feedQueriesPerPoll(), small.feedQueriesPerPoll(), "cost", "1.00 +- 0.10");
		assertThat(large.counts().streamQueries()).isZero();
		assertThat(small.counts().streamQueries()).isZero();
	}

	private Idle idle(int streams) {
		SettableClock clock = new SettableClock(Instant.now());
		CountingTree processor = new CountingTree(tree(streams));
		processor.storePosition(FeedPosition.at(clock.millis()));
		TreeReader reader = TreeReader.builder(processor, this.log, tree(streams)).clock(clock).build();
		// The first poll after a restart also backtracks; an idle processor is past it.
		reader.loadUntilRealtime();
		this.capacity.take("Query");
		QueryCounter.Counts before = this.queries.counts();
		for (int poll = 0; poll < POLLS; poll++) {
			clock.advance(POLL_INTERVAL);
			assertThat(reader.loadUntilRealtime()).isZero();
		}
		return new Idle(streams, this.capacity.take("Query"), this.queries.counts().since(before));
	}

	private static StreamName tree(int streams) {
		return StreamName.of("/idle-" + streams);
	}

	private record Idle(int streams, double units, QueryCounter.Counts counts) {

		double unitsPerSecond() {
			return this.units / (POLLS * POLL_INTERVAL.toSeconds());
		}

		double feedQueriesPerPoll() {
			return (double) this.counts.feedQueries() / POLLS;
		}

	}

}
