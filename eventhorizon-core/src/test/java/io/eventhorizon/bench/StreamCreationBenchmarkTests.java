package io.eventhorizon.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.MetaEvents;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.PlainSdk;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of creating streams on dynalite: 1 and 16 threads creating distinct children
 * of one parent with {@code EventLog.createStream}, against a conditional {@code PutItem}
 * of each child's {@code @0} (what creating a stream would cost without announcing it in
 * the parent), in the same run. Every child must end up created once and announced once.
 */
@Tag("bench")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamCreationBenchmarkTests {

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final FailedConditionalPuts failedPuts = new FailedConditionalPuts();

	private final AtomicLong calls = new AtomicLong();

	private DynamoDbClient client;

	private String table;

	private DynamoDbEventLog log;

	@BeforeAll
	void tables() {
		this.client = DynamoDbTestServer.get().newClient(this.failedPuts, new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
				StreamCreationBenchmarkTests.this.calls.incrementAndGet();
			}
		});
		this.log = FreshEventLogs.on(this.client, "bench_create");
		this.table = this.log.tableName();
		this.log.bootstrap();
	}

	@AfterAll
	void close() {
		this.client.close();
	}

	@Test
	void creatorsUnderOneParentAgainstAConditionalPutItemPerStream() throws InterruptedException {
		Duration each = Duration.ofSeconds(this.full ? 10 : 1);
		byte[] started = MetaEvents.streamStarted(Instant.EPOCH).toStored();
		double[] library = new double[17];
		double[] baseline = new double[17];
		for (int creators : new int[] { 1, 16 }) {
			StreamName parent = StreamName.of("/bench-created-" + creators);
			this.log.createStream(parent);
			StreamName plainParent = StreamName.of("/bench-put-" + creators);
			Set<StreamName> created = ConcurrentHashMap.newKeySet();
			AtomicLong names = new AtomicLong();
			AtomicLong gaveUp = new AtomicLong();
			long failedBefore = this.failedPuts.on(parent);
			AtomicLong libraryCalls = new AtomicLong();
			Measurement libraryRun = () -> measureCalls(libraryCalls, () -> AggregateBenchmarkTests.run(creators, each, (creator) -> {
				StreamName child = parent.child("c" + names.incrementAndGet());
				gaveUp.addAndGet(createUntilDone(child));
				assertThat(created.add(child)).isTrue();
			}));
			Measurement baselineRun = () -> AggregateBenchmarkTests.run(creators, each, (creator) -> PlainSdk
				.putIfAbsent(this.client, this.table, plainParent.child("c" + names.incrementAndGet()), 0, started));
			// Which side goes first alternates, so that neither always meets a warmer server.
			if (creators == 1) {
				library[creators] = libraryRun.streamsPerSecond();
				baseline[creators] = baselineRun.streamsPerSecond();
			}
			else {
				baseline[creators] = baselineRun.streamsPerSecond();
				library[creators] = libraryRun.streamsPerSecond();
			}
			long conflicts = this.failedPuts.on(parent) - failedBefore;
			assertCreatedAndAnnouncedOnce(parent, created);
			System.out.printf("bench | create streams, %2d creators under one parent (createStream) | %d s | %d streams, "
					+ "%.0f streams/s | %.1f DynamoDB calls per stream | %d failed announcements (conflicts, %.2f per "
					+ "stream) | %d calls gave up and were repeated | plain PutItem %.0f streams/s%n", creators,
					each.toSeconds(), created.size(), library[creators], (double) libraryCalls.get() / created.size(),
					conflicts, (double) conflicts / created.size(), gaveUp.get(), baseline[creators]);
			BenchmarkReport.print("create streams: createStream vs conditional PutItem of @0, " + creators + " creators",
					each.toSeconds() + " s each, distinct children of one parent, same run", "streams/s",
					library[creators], baseline[creators], "rate", "none set");
		}
		System.out.printf("bench | create streams, 16 creators vs 1 | createStream %.2fx | plain PutItem %.2fx%n",
				library[16] / library[1], baseline[16] / baseline[1]);
	}

	private double measureCalls(AtomicLong calls, Measurement measurement) throws InterruptedException {
		long before = this.calls.get();
		double streamsPerSecond = measurement.streamsPerSecond();
		calls.set(this.calls.get() - before);
		return streamsPerSecond;
	}

	// A call that gives up announcing (too many conflicts in the parent) leaves the child
	// pending; calling again finishes the work, as an application would.
	private long createUntilDone(StreamName child) {
		for (long gaveUp = 0;; gaveUp++) {
			try {
				this.log.createStream(child);
				return gaveUp;
			}
			catch (OptimisticLockingException ex) {
				// Counted and repeated.
			}
		}
	}

	private void assertCreatedAndAnnouncedOnce(StreamName parent, Set<StreamName> created) {
		Map<String, Long> announcements = StreamContents.payloads(this.log, BankEvents.CODEC, parent)
			.stream()
			.filter(ChildStreamCreated.class::isInstance)
			.map((payload) -> ((ChildStreamCreated) payload).stream())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(announcements.keySet())
			.containsExactlyInAnyOrderElementsOf(created.stream().map(StreamName::toString).toList());
		assertThat(announcements.values()).allSatisfy((count) -> assertThat(count).isOne());
		for (StreamName child : created) {
			assertThat(this.log.head(child)).isEqualTo(child.at(0));
		}
	}

	@FunctionalInterface
	private interface Measurement {

		double streamsPerSecond() throws InterruptedException;

	}

	/**
	 * Counts the conditional {@code PutItem}s that failed, by the stream they wrote to: in
	 * a parent, an announcement that lost a race. Thread-safe.
	 */
	private static final class FailedConditionalPuts implements ExecutionInterceptor {

		private final Map<String, AtomicLong> byStream = new ConcurrentHashMap<>();

		@Override
		public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
			if (context.request() instanceof PutItemRequest put
					&& context.exception() instanceof ConditionalCheckFailedException) {
				this.byStream.computeIfAbsent(put.item().get("s").s(), (stream) -> new AtomicLong()).incrementAndGet();
			}
		}

		long on(StreamName stream) {
			AtomicLong failed = this.byStream.get(stream.toString());
			return (failed != null) ? failed.get() : 0;
		}

	}

}
