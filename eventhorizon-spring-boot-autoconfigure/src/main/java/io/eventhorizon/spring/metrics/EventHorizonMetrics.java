package io.eventhorizon.spring.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbListener;
import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.spring.AppendListener;
import io.eventhorizon.spring.ProcessorListeners;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * EventHorizon's meters, all named {@code eventhorizon.*} and tagged with low-cardinality
 * values only: the processor's (bean) name, an outcome or an operation, never a stream
 * name.
 * <ul>
 * <li>{@code eventhorizon.sync.lag} (timer, per processor): time from an entry's append
 * (its events' time of recording) to its processing;</li>
 * <li>{@code eventhorizon.processor.realtime.age} (gauge, seconds, per processor): time
 * since the processor last reached realtime;</li>
 * <li>{@code eventhorizon.entries.processed}, {@code eventhorizon.events.processed},
 * {@code eventhorizon.events.skipped}, {@code eventhorizon.entries.skipped},
 * {@code eventhorizon.entries.poisoned}, {@code eventhorizon.sync.failures} (counters, per
 * processor);</li>
 * <li>{@code eventhorizon.snapshots.installed}, {@code .stored}, {@code .failures} (with
 * {@code operation}) and {@code eventhorizon.snapshots.size} (bytes), per processor;</li>
 * <li>{@code eventhorizon.appends} (timer, per {@code outcome}: success, conflict,
 * error);</li>
 * <li>{@code eventhorizon.transactional.append.attempts} (summary) and
 * {@code eventhorizon.transactional.append.exhausted} (counter), per {@code method};</li>
 * <li>{@code eventhorizon.dynamodb.capacity} (counter of capacity units, as DynamoDB reports
 * them) and {@code eventhorizon.dynamodb.throttled} (counter), per {@code table} and
 * {@code operation}, and {@code eventhorizon.dynamodb.failed.attempts} (every throttled or
 * 5xx attempt, the SDK's retries included) per {@code table}, {@code operation} and
 * {@code reason}.</li>
 * </ul>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class EventHorizonMetrics implements ProcessorListeners, AppendListener, DynamoDbListener {

	private final MeterRegistry registry;

	private final Clock clock;

	// Meters whose tags vary per call, registered once per name and tag values: a builder
	// and a registry lookup at every append or request would cost more than the recording.
	private final Map<List<String>, Meter> meters = new ConcurrentHashMap<>();

	/**
	 * Creates the meters' source.
	 * @param registry the meter registry
	 * @param clock the clock for lags and ages
	 */
	public EventHorizonMetrics(MeterRegistry registry, Clock clock) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public ReaderListener forProcessor(String processor) {
		return new ProcessorMeters(processor);
	}

	@Override
	public void appendFinished(StreamName stream, Duration latency, String outcome) {
		meter(() -> Timer.builder("eventhorizon.appends")
			.description("Appends through EventHorizonTemplate, by outcome (success, conflict, error).")
			.tag("outcome", outcome)
			.register(this.registry), "eventhorizon.appends", outcome).record(latency);
	}

	@Override
	public void transactionalAppendFinished(String method, int attempts, boolean exhausted) {
		meter(() -> DistributionSummary.builder("eventhorizon.transactional.append.attempts")
			.description("Attempts a @TransactionalAppend method took.")
			.tag("method", method)
			.register(this.registry), "eventhorizon.transactional.append.attempts", method).record(attempts);
		if (exhausted) {
			meter(() -> Counter.builder("eventhorizon.transactional.append.exhausted")
				.description("@TransactionalAppend calls whose every attempt lost an optimistic-locking race.")
				.tag("method", method)
				.register(this.registry), "eventhorizon.transactional.append.exhausted", method).increment();
		}
	}

	@Override
	public void capacityConsumed(String table, String operation, double capacityUnits) {
		meter(() -> Counter.builder("eventhorizon.dynamodb.capacity")
			.description("Capacity units EventHorizon's DynamoDB requests consumed, as DynamoDB reports them.")
			.tag("table", table)
			.tag("operation", operation)
			.register(this.registry), "eventhorizon.dynamodb.capacity", table, operation).increment(capacityUnits);
	}

	@Override
	public void attemptFailed(String table, String operation, String reason) {
		meter(() -> Counter.builder("eventhorizon.dynamodb.failed.attempts")
			.description("Attempts of EventHorizon's DynamoDB requests that were throttled or failed on the server, "
					+ "retries included.")
			.tag("table", table)
			.tag("operation", operation)
			.tag("reason", reason)
			.register(this.registry), "eventhorizon.dynamodb.failed.attempts", table, operation, reason).increment();
	}

	@Override
	public void throttled(String table, String operation) {
		meter(() -> Counter.builder("eventhorizon.dynamodb.throttled")
			.description("EventHorizon's DynamoDB requests throttled after the SDK's retries.")
			.tag("table", table)
			.tag("operation", operation)
			.register(this.registry), "eventhorizon.dynamodb.throttled", table, operation).increment();
	}

	@SuppressWarnings("unchecked")
	private <M extends Meter> M meter(Supplier<M> register, String name, String... tagValues) {
		List<String> key = new ArrayList<>(tagValues.length + 1);
		key.add(name);
		Collections.addAll(key, tagValues);
		return (M) this.meters.computeIfAbsent(key, (unused) -> register.get());
	}

	private final class ProcessorMeters implements ReaderListener {

		private final String processor;

		private final AtomicReference<@Nullable Instant> lastRealtime = new AtomicReference<>();

		private final Timer lag;

		private final Counter entries;

		private final Counter events;

		private final Counter skippedEvents;

		private final Counter skippedEntries;

		private final Counter failures;

		private final Counter poisoned;

		private final Counter conflicts;

		private final Counter snapshotsInstalled;

		private final Counter snapshotsStored;

		private final DistributionSummary snapshotSizes;

		ProcessorMeters(String processor) {
			this.processor = processor;
			MeterRegistry registry = EventHorizonMetrics.this.registry;
			this.lag = Timer.builder("eventhorizon.sync.lag")
				.description("Time from an entry's append to its processing by the processor.")
				.tag("processor", processor)
				.register(registry);
			this.entries = counter("eventhorizon.entries.processed", "Entries the processor has processed.");
			this.events = counter("eventhorizon.events.processed", "Events handed to the processor.");
			this.skippedEvents = counter("eventhorizon.events.skipped",
					"Events of types the processor does not know, skipped.");
			this.skippedEntries = counter("eventhorizon.entries.skipped",
					"Entries of kinds this version cannot read, skipped.");
			this.failures = counter("eventhorizon.sync.failures", "Loads of the processor that failed.");
			this.poisoned = counter("eventhorizon.entries.poisoned",
					"Entries the processor failed to apply and that were skipped (poison policy skip).");
			this.conflicts = counter("eventhorizon.transactwrite.conflicts",
					"Attempts of transactWrite or @TransactionalAppend that lost an optimistic-locking race.");
			this.snapshotsInstalled = counter("eventhorizon.snapshots.installed",
					"Snapshots installed in the processor.");
			this.snapshotsStored = counter("eventhorizon.snapshots.stored", "Snapshots of the processor stored.");
			this.snapshotSizes = DistributionSummary.builder("eventhorizon.snapshots.size")
				.description("Size of the processor's snapshots.")
				.baseUnit("bytes")
				.tag("processor", processor)
				.register(registry);
			Gauge.builder("eventhorizon.processor.realtime.age", this, ProcessorMeters::secondsSinceRealtime)
				.description("Seconds since the processor last reached realtime; NaN before it ever did.")
				.baseUnit("seconds")
				.tag("processor", processor)
				.register(registry);
		}

		private Counter counter(String name, String description) {
			return Counter.builder(name)
				.description(description)
				.tag("processor", this.processor)
				.register(EventHorizonMetrics.this.registry);
		}

		private double secondsSinceRealtime() {
			Instant last = this.lastRealtime.get();
			return (last != null) ? Duration.between(last, EventHorizonMetrics.this.clock.instant()).toMillis() / 1000.0
					: Double.NaN;
		}

		@Override
		public void entryProcessed(DecodedEntry entry) {
			this.entries.increment();
			this.events.increment(entry.events().size());
			entry.events()
				.stream()
				.map((event) -> event.meta().timeOfRecording())
				.max(Instant::compareTo)
				.ifPresent((appended) -> this.lag
					.record(Duration.between(appended, EventHorizonMetrics.this.clock.instant()).abs()));
		}

		@Override
		public void eventTypeSkipped(String type, Cursor at) {
			this.skippedEvents.increment();
		}

		@Override
		public void entryKindSkipped(LogDataKind kind, Cursor at) {
			this.skippedEntries.increment();
		}

		@Override
		public void entryPoisoned(Cursor at, RuntimeException failure) {
			this.poisoned.increment();
		}

		@Override
		public void loadFailed(RuntimeException failure) {
			this.failures.increment();
		}

		@Override
		public void realtimeReached(Cursor cursor) {
			this.lastRealtime.set(EventHorizonMetrics.this.clock.instant());
		}

		@Override
		public void conflict(int attempt, OptimisticLockingException conflict) {
			this.conflicts.increment();
		}

		@Override
		public void snapshotInstalled(Snapshot snapshot) {
			this.snapshotsInstalled.increment();
		}

		@Override
		public void snapshotStored(Snapshot snapshot, boolean stored) {
			if (stored) {
				this.snapshotsStored.increment();
			}
			this.snapshotSizes.record(snapshot.size());
		}

		@Override
		public void snapshotFailed(String operation, RuntimeException failure) {
			meter(() -> Counter.builder("eventhorizon.snapshots.failures")
				.description("Snapshot loads, takes and stores of the processor that failed.")
				.tag("processor", this.processor)
				.tag("operation", operation)
				.register(EventHorizonMetrics.this.registry), "eventhorizon.snapshots.failures", this.processor,
					operation)
				.increment();
		}

	}

}
