package io.eventhorizon.spring.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.eventhorizon.client.ReaderStats;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ProcessorRegistration;
import io.eventhorizon.spring.ProcessorStatus;
import io.eventhorizon.spring.TreeProcessorRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Whether every processor is current: DOWN when one has failed {@code maxFailures} syncs in
 * a row, has not reached realtime for longer than {@code stuckAfter} (counted from the
 * start while it never has), or follows a stream that does not exist (state
 * {@code MISSING_STREAM} with the detail {@code missingStream}: every command against it
 * fails until the stream is created); UP otherwise. A processor paused on purpose (state
 * {@code PAUSED}) and the processors of an application whose synchronizer is turned off
 * (state {@code ON_DEMAND}: only commands bring them to realtime, so an idle application
 * is not behind) are shown as such, never DOWN: a load balancer would otherwise take every
 * instance out at once. It reports per processor the stream (for a read model of a tree,
 * the tree), cursor, last successful sync and last error, from what the synchronizer and the Readers observed: a probe never calls
 * DynamoDB, so it is cheap and bounded.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class EventHorizonHealthIndicator extends AbstractHealthIndicator {

	private static final String MISSING_STREAM = "MISSING_STREAM";

	private final EventProcessorRegistry registry;

	private final @Nullable EventHorizonSynchronizer synchronizer;

	private final int maxFailures;

	private final Duration stuckAfter;

	private final Clock clock;

	private final Instant started;

	/**
	 * Creates the indicator.
	 * @param registry the processors
	 * @param synchronizer the synchronizer, if it runs
	 * @param maxFailures how many failed syncs in a row make a processor DOWN
	 * @param stuckAfter how long without reaching realtime makes a processor DOWN
	 * @param clock the clock
	 */
	public EventHorizonHealthIndicator(EventProcessorRegistry registry, @Nullable EventHorizonSynchronizer synchronizer,
			int maxFailures, Duration stuckAfter, Clock clock) {
		super("EventHorizon health check failed");
		Assert.notNull(registry, "'registry' must not be null");
		Assert.isTrue(maxFailures > 0, "'maxFailures' must be positive");
		Assert.isTrue(!stuckAfter.isNegative(), "'stuckAfter' must not be negative");
		this.registry = registry;
		this.synchronizer = synchronizer;
		this.maxFailures = maxFailures;
		this.stuckAfter = stuckAfter;
		this.clock = clock;
		this.started = clock.instant();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		boolean up = true;
		Map<String, Object> processors = new LinkedHashMap<>();
		for (ProcessorRegistration processor : this.registry.all()) {
			up &= check(processor.name(), "stream", processor.stream().toString(), processor.reader().stats(), now,
					processors);
		}
		for (TreeProcessorRegistration tree : this.registry.trees()) {
			up &= check(tree.name(), "tree", tree.tree().toString(), tree.reader().stats(), now, processors);
		}
		(up ? builder.up() : builder.down()).withDetail("synchronizer",
				(this.synchronizer == null) ? "disabled" : this.synchronizer.isRunning() ? "running" : "stopped")
			.withDetail("processors", processors);
	}

	// Adds one processor's details; returns whether it is up.
	private boolean check(String name, String followedKind, String followed, ReaderStats stats, Instant now,
			Map<String, Object> processors) {
		ProcessorStatus status = (this.synchronizer != null) ? this.synchronizer.status(name).orElse(null) : null;
		Instant lastRealtime = latest(stats.lastRealtime(), (status != null) ? status.lastSuccess().orElse(null) : null);
		String state = state(name, status, lastRealtime, now);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", state);
		details.put(followedKind, followed);
		if (state.equals(MISSING_STREAM)) {
			details.put("missingStream", followed);
		}
		details.put("cursor", (stats.cursor() != null) ? stats.cursor().toString() : "unknown");
		details.put("lastRealtime", (lastRealtime != null) ? lastRealtime.toString() : "never");
		if (status != null) {
			details.put("consecutiveFailures", status.consecutiveFailures());
			status.lastError().ifPresent((error) -> details.put("lastError", error));
			details.put("paused", this.synchronizer.isPaused(name));
		}
		processors.put(name, details);
		return !state.equals("FAILING") && !state.equals("STUCK") && !state.equals(MISSING_STREAM);
	}

	private String state(String processor, @Nullable ProcessorStatus status, @Nullable Instant lastRealtime,
			Instant now) {
		if (this.synchronizer == null) {
			return "ON_DEMAND";
		}
		if (this.synchronizer.isPaused(processor)) {
			return "PAUSED";
		}
		if (status != null && status.isWaitingForStream()) {
			return MISSING_STREAM;
		}
		if (status != null && status.consecutiveFailures() >= this.maxFailures) {
			return "FAILING";
		}
		if (Duration.between((lastRealtime != null) ? lastRealtime : this.started, now)
			.compareTo(this.stuckAfter) > 0) {
			return "STUCK";
		}
		return "UP";
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

}
