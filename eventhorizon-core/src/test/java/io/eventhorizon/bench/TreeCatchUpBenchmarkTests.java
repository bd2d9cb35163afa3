package io.eventhorizon.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import io.eventhorizon.testing.Pass;
import io.eventhorizon.testing.PlainSdk;
import io.eventhorizon.tree.TreeReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of a tree processor catching up on dynalite: a fresh {@link TreeReader} (no
 * stored position, so it walks the tree from its top, following the announcements) against
 * an application that knows every stream's name and reads each with a plain SDK
 * {@code Query} loop, in interleaved passes of the same run. Full mode: 10 000 streams of 10
 * entries; smoke mode: 1 000 streams.
 *
 * <pre>
 * ./mvnw -B -ntp -pl eventhorizon-core -am verify -Pbench -Dbench.mode=full -Dtest=TreeCatchUpBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeCatchUpBenchmarkTests {

	private static final int ENTRIES_PER_STREAM = 10;

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final int streams = this.full ? 10_000 : 1_000;

	private final StreamName tree = StreamName.of("/catchup");

	private DynamoDbClient client;

	private DynamoDbEventLog log;

	private List<StreamName> children;

	@BeforeAll
	void tree() {
		this.client = DynamoDbTestServer.get().newClient();
		this.log = FreshEventLogs.on(this.client, "bench_tree_catchup");
		this.log.bootstrap();
		this.log.createStream(this.tree);
		// Written an hour ago: the catch-up is of old data, outside every feed window.
		long start = System.nanoTime();
		this.children = new BatchWrittenTree(this.client, this.log, Instant.now().minus(Duration.ofHours(1)))
			.write(this.tree, this.streams, ENTRIES_PER_STREAM, deposit());
		System.out.printf("bench | tree catch-up data set | %d streams of %d entries written in %.1f s%n", this.streams,
				ENTRIES_PER_STREAM, (System.nanoTime() - start) / 1e9);
	}

	@AfterAll
	void close() {
		this.client.close();
	}

	@Test
	void aFreshTreeProcessorAgainstAQueryLoopPerKnownStream() {
		int rounds = 3;
		long entries = (long) this.streams * ENTRIES_PER_STREAM;
		Pass.Sides sides = Pass.interleave(rounds, () -> Pass.measure(this::treeReaderCatchUp),
				() -> Pass.measure(this::queryLoopPerStream));
		BenchmarkReport.print("tree catch-up: fresh TreeReader (walks the tree) vs Query loop per known stream",
				this.streams + " streams of " + ENTRIES_PER_STREAM + " entries (" + entries
						+ " entries, 1 event of " + deposit().storedSize() + " B each after @0), page 100, median of "
						+ rounds + " interleaved passes" + (this.full ? "" : " (smoke: 1 000 streams, not 10 000)"),
				"entries/s", sides.library(Pass::eventsPerSecond), sides.baseline(Pass::eventsPerSecond), "rate",
				">= 0.80");
		BenchmarkReport.print("tree catch-up, CPU of the reading thread", this.streams + " streams", "us/entry",
				sides.library(Pass::cpuMicrosPerEvent), sides.baseline(Pass::cpuMicrosPerEvent), "cost", "profile");
	}

	private long treeReaderCatchUp() {
		CountingTree processor = new CountingTree(this.tree);
		TreeReader reader = TreeReader.builder(processor, this.log, this.tree).build();
		reader.loadUntilRealtime();
		assertThat(processor.deposits()).isEqualTo((long) this.streams * (ENTRIES_PER_STREAM - 1));
		return reader.stats().entriesProcessed();
	}

	private long queryLoopPerStream() {
		long entries = 0;
		for (StreamName child : this.children) {
			entries += PlainSdk.readEvents(this.client, this.log.tableName(), child, -1, PlainSdk.EventVisitor.NONE);
		}
		assertThat(entries).isEqualTo((long) this.streams * ENTRIES_PER_STREAM);
		return entries;
	}

	static LogData deposit() {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited("3f2a9c7e41b8d605e7c2a1b9f4d8e3c6", 42_317),
				EventMeta.of(Instant.parse("2026-01-01T09:41:27Z"), "u-42"))));
	}

}
