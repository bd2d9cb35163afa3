package io.eventhorizon.spring.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters on the hot paths (per append, per DynamoDB request, per snapshot) are looked up
 * once and then reused: the registry is not searched at every call.
 */
class EventHorizonMetricsTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final EventHorizonMetrics metrics = new EventHorizonMetrics(this.registry, Clock.systemUTC());

	@Test
	void everyAppendRecordsIntoTheTimerFoundAtTheFirst() {
		this.metrics.appendFinished(BANK, Duration.ofMillis(1), "success");
		Timer first = this.registry.get("eventhorizon.appends").tag("outcome", "success").timer();
		// Forgotten by the registry: a lookup at every call would register a new timer.
		this.registry.remove(first);

		for (int i = 0; i < 1000; i++) {
			this.metrics.appendFinished(BANK, Duration.ofMillis(1), "success");
		}

		assertThat(first.count()).isEqualTo(1001);
		assertThat(this.registry.find("eventhorizon.appends").meters()).isEmpty();
	}

	@Test
	void everyDynamoDbRequestCountsIntoTheCounterFoundAtTheFirst() {
		this.metrics.capacityConsumed("events", "Query", 0.5);
		Counter first = this.registry.get("eventhorizon.dynamodb.capacity").tags("table", "events", "operation", "Query")
			.counter();
		this.registry.remove(first);

		for (int i = 0; i < 1000; i++) {
			this.metrics.capacityConsumed("events", "Query", 0.5);
		}

		assertThat(first.count()).isEqualTo(500.5);
		assertThat(this.registry.find("eventhorizon.dynamodb.capacity").meters()).isEmpty();
	}

	@Test
	void everySnapshotOfAProcessorRecordsIntoTheMetersBuiltForTheProcessor() {
		ReaderListener accounts = this.metrics.forProcessor("accounts");
		DistributionSummary sizes = this.registry.get("eventhorizon.snapshots.size").tag("processor", "accounts")
			.summary();
		this.registry.remove(sizes);
		Snapshot snapshot = Snapshot.of(BANK.at(3), SnapshotPerspective.v1("accounts"),
				"{}".getBytes(StandardCharsets.UTF_8));

		for (int i = 0; i < 100; i++) {
			accounts.snapshotStored(snapshot, true);
		}

		assertThat(sizes.count()).isEqualTo(100);
		assertThat(this.registry.find("eventhorizon.snapshots.size").meters()).isEmpty();
		assertThat(this.registry.get("eventhorizon.snapshots.stored").counter().count()).isEqualTo(100);
	}

	@Test
	void twoThreadsFirstUsingOneMeterAtOnceCountIntoTheSameMeter() throws Exception {
		CyclicBarrier bothReady = new CyclicBarrier(2);
		Runnable fiveHundredRequests = () -> {
			await(bothReady);
			for (int i = 0; i < 500; i++) {
				this.metrics.attemptFailed("events", "PutItem", "throttled");
			}
		};

		CompletableFuture.allOf(CompletableFuture.runAsync(fiveHundredRequests),
				CompletableFuture.runAsync(fiveHundredRequests)).get(30, TimeUnit.SECONDS);

		assertThat(this.registry.find("eventhorizon.dynamodb.failed.attempts").counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(1000));
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
