package io.eventhorizon.spring.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.eventhorizon.client.ReaderStats;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ProcessorRegistration;
import io.eventhorizon.spring.ProcessorStatus;
import io.eventhorizon.spring.TreeProcessorRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@code /actuator/eventhorizon}: every processor's stream (or, for a read model of a tree,
 * its tree), cursor, last realtime, last error, snapshot and last rebuild;
 * {@code POST /actuator/eventhorizon/{processor}} with {@code {"action":"pause"}},
 * {@code "resume"}, {@code "sync"}, {@code "rebuild"} or {@code "rebuild-from-beginning"}
 * controls one, and {@code "sweep"} walks a tree's streams now (see
 * {@code docs/stream-trees.md}), answering when the walk is done. Reads never call DynamoDB and never wait
 * for a processor.
 * <p>
 * Read-only by default: the controls are there only with
 * {@code management.endpoint.eventhorizon.access=unrestricted}. A rebuild runs in the
 * background (it holds the processor's Reader for the whole replay): the call answers at
 * once, and the read operations show its progress and result.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
@Endpoint(id = "eventhorizon", defaultAccess = Access.READ_ONLY)
public class EventHorizonEndpoint {

	private final EventProcessorRegistry registry;

	private final @Nullable EventHorizonSynchronizer synchronizer;

	private final Rebuilds rebuilds;

	/**
	 * Creates the endpoint.
	 * @param registry the processors
	 * @param synchronizer the synchronizer, if it runs
	 * @param rebuildExecutor where rebuilds run
	 */
	public EventHorizonEndpoint(EventProcessorRegistry registry, @Nullable EventHorizonSynchronizer synchronizer,
			Executor rebuildExecutor) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(rebuildExecutor, "'rebuildExecutor' must not be null");
		this.registry = registry;
		this.synchronizer = synchronizer;
		this.rebuilds = new Rebuilds(rebuildExecutor, Clock.systemUTC());
	}

	/**
	 * Describes every processor.
	 * @return the processors by name
	 */
	@ReadOperation
	public Map<String, ProcessorDescriptor> processors() {
		Map<String, ProcessorDescriptor> processors = new LinkedHashMap<>();
		this.registry.all().forEach((processor) -> processors.put(processor.name(), describe(processor)));
		this.registry.trees().forEach((tree) -> processors.put(tree.name(), describe(tree)));
		return processors;
	}

	/**
	 * Describes one processor.
	 * @param processor the processor's name
	 * @return the description, or {@code null} (404) if there is no such processor
	 */
	@ReadOperation
	public @Nullable ProcessorDescriptor processor(@Selector String processor) {
		return this.registry.byName(processor)
			.map(this::describe)
			.or(() -> this.registry.treeByName(processor).map(this::describe))
			.orElse(null);
	}

	/**
	 * Pauses, resumes or syncs a processor now, or starts rebuilding one kept in memory (it
	 * must implement {@code ResettableState}) from its newest snapshot or from the beginning
	 * in the background; the description returned shows the rebuild, {@code RUNNING} until
	 * it ends.
	 * @param processor the processor's name
	 * @param action {@code pause}, {@code resume}, {@code sync}, {@code rebuild},
	 * {@code rebuild-from-beginning}, or for a read model of a tree {@code sweep}
	 * @return the processor's description after the action, or {@code null} (404) if there
	 * is no such processor
	 * @throws InvalidEndpointRequestException (400) if the action is unknown or impossible,
	 * or a rebuild of the processor still runs and the action is a sync, a sweep or a
	 * rebuild
	 */
	@WriteOperation
	public @Nullable ProcessorDescriptor control(@Selector String processor, String action) {
		Optional<ProcessorRegistration> registration = this.registry.byName(processor);
		if (registration.isEmpty()) {
			return this.registry.treeByName(processor).map((tree) -> control(tree, action)).orElse(null);
		}
		try {
			switch (action) {
				case "pause" -> synchronizer(action).pause(processor);
				case "resume" -> synchronizer(action).resume(processor);
				case "sync" -> sync(registration.get());
				case "rebuild", "rebuild-from-beginning" -> rebuild(registration.get(), action.equals("rebuild"));
				default -> throw new IllegalArgumentException("Unknown action \"" + action
						+ "\"; use pause, resume, sync, rebuild or rebuild-from-beginning");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return describe(registration.get());
	}

	private ProcessorDescriptor control(TreeProcessorRegistration tree, String action) {
		try {
			switch (action) {
				case "pause" -> synchronizer(action).pause(tree.name());
				case "resume" -> synchronizer(action).resume(tree.name());
				case "sync" -> {
					notRebuilding(tree.name());
					tree.reader().loadUntilRealtime();
				}
				case "sweep" -> {
					notRebuilding(tree.name());
					tree.reader().sweep();
				}
				case "rebuild", "rebuild-from-beginning" -> {
					boolean fromSnapshot = action.equals("rebuild");
					this.rebuilds.start(tree.name(), fromSnapshot, () -> tree.reader().stats().entriesProcessed(),
							() -> tree.reader().rebuild(fromSnapshot));
				}
				default -> throw new IllegalArgumentException("Unknown action \"" + action
						+ "\"; use pause, resume, sync, sweep, rebuild or rebuild-from-beginning");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return describe(tree);
	}

	private void rebuild(ProcessorRegistration processor, boolean fromSnapshot) {
		this.rebuilds.start(processor.name(), fromSnapshot, () -> processor.reader().stats().entriesProcessed(),
				() -> processor.reader().rebuild(fromSnapshot));
	}

	private void sync(ProcessorRegistration processor) {
		notRebuilding(processor.name());
		processor.reader().loadUntilRealtime();
	}

	// A sync or a sweep would wait for the whole replay; the rebuild ends at realtime anyway.
	private void notRebuilding(String processor) {
		if (this.rebuilds.isRunning(processor)) {
			throw new IllegalStateException("Processor '" + processor + "' is being rebuilt; it is synced "
					+ "when the rebuild ends");
		}
	}

	private EventHorizonSynchronizer synchronizer(String action) {
		if (this.synchronizer == null) {
			throw new IllegalStateException("Cannot " + action + ": the synchronizer is disabled");
		}
		return this.synchronizer;
	}

	private ProcessorDescriptor describe(ProcessorRegistration processor) {
		return describe(processor.name(), processor.stream().toString(), false, processor.reader().stats(),
				processor.processor().snapshotPerspective(), processor.reader().storedSnapshotCursor());
	}

	private ProcessorDescriptor describe(TreeProcessorRegistration tree) {
		return describe(tree.name(), tree.tree().toString(), true, tree.reader().stats(),
				tree.processor().snapshotPerspective(), tree.reader().storedSnapshotCursor());
	}

	private ProcessorDescriptor describe(String name, String followed, boolean tree, ReaderStats stats,
			Optional<SnapshotPerspective> perspective, Optional<Cursor> storedSnapshot) {
		ProcessorStatus status = (this.synchronizer != null) ? this.synchronizer.status(name).orElse(null) : null;
		Instant lastRealtime = stats.lastRealtime();
		return new ProcessorDescriptor(followed, tree, text(stats.cursor()),
				(lastRealtime != null) ? lastRealtime.toString() : null,
				(lastRealtime != null) ? Duration.between(lastRealtime, Instant.now()).toMillis() / 1000.0 : null,
				(status != null) ? status.lastError().orElse(null) : null,
				(status != null) ? status.consecutiveFailures() : 0,
				this.synchronizer != null && this.synchronizer.isPaused(name), stats.entriesProcessed(),
				stats.skippedEventsByType(), perspective.map(Object::toString).orElse(null),
				storedSnapshot.map(Cursor::toString).orElse(null), this.rebuilds.last(name).orElse(null));
	}

	private static @Nullable String text(@Nullable Cursor cursor) {
		return (cursor != null) ? cursor.toString() : null;
	}

	/**
	 * One processor as the endpoint shows it.
	 *
	 * @param stream the stream it follows, or for a read model of a tree the tree's parent
	 * @param tree whether it is a read model of a tree (whose cursor counts the entries
	 * applied across the tree's streams)
	 * @param cursor its cursor, or {@code null} before the first load
	 * @param lastRealtime when it last reached realtime (its cursor was the head then)
	 * @param secondsSinceRealtime how far behind it may be: the time since then
	 * @param lastError the last sync error
	 * @param consecutiveFailures failed syncs in a row
	 * @param paused whether its synchronization is paused
	 * @param entriesProcessed entries processed since the start
	 * @param skippedEventsByType events of unknown types skipped, per type
	 * @param snapshotPerspective its snapshot perspective, if it takes snapshots
	 * @param storedSnapshot the cursor of its newest known snapshot
	 * @param rebuild its last rebuild started here, or {@code null}
	 */
	public record ProcessorDescriptor(String stream, boolean tree, @Nullable String cursor, @Nullable String lastRealtime,
			@Nullable Double secondsSinceRealtime, @Nullable String lastError, int consecutiveFailures, boolean paused,
			long entriesProcessed, Map<String, Long> skippedEventsByType, @Nullable String snapshotPerspective,
			@Nullable String storedSnapshot, @Nullable RebuildStatus rebuild) {

	}

}
