package io.eventhorizon.client;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * A read model of one stream that owns its cursor and its storage. The {@link Reader}
 * feeds it entry by entry through {@link #processEvents(EntryHandler)}: the processor
 * opens its transaction (or none, in memory), calls the handler with the cursor it has
 * stored, applies the events it is given and stores the cursor it is given, then commits.
 * Because the cursor is committed with the effects, a database-backed read model sees every
 * entry exactly once, whatever crashes.
 * <p>
 * Snapshots are optional: a processor that returns a {@link #snapshotPerspective()}
 * serializes its state in {@link #takeSnapshot()} and restores it in
 * {@link #installSnapshot(Snapshot)}. For read models kept in memory,
 * {@link InMemoryProcessor} does the cursor keeping.
 * <p>
 * A {@link Reader} calls its processor from one thread at a time; state that other threads
 * read must be published safely by the processor.
 *
 * @since 0.1.0
 */
public interface EventsProcessor {

	/**
	 * Runs {@code handler} once inside the processor's transaction with the cursor the
	 * processor has stored, then commits (or rolls back if the handler throws).
	 * @param handler the Reader's work for one entry
	 */
	void processEvents(EntryHandler handler);

	/**
	 * Returns the cursor the processor has stored, by running an empty
	 * {@link #processEvents(EntryHandler)} (which applies and commits nothing).
	 * @return the stored cursor; the stream's beginning for a new processor
	 * @throws IllegalStateException if {@link #processEvents(EntryHandler)} does not call
	 * its handler
	 */
	default Cursor storedCursor() {
		AtomicReference<@Nullable Cursor> stored = new AtomicReference<>();
		processEvents((cursor, handleEvent, commit) -> stored.set(cursor));
		Cursor cursor = stored.get();
		if (cursor == null) {
			throw new IllegalStateException(getClass().getName() + ".processEvents() did not call the handler");
		}
		return cursor;
	}

	/**
	 * Whether the {@link Reader}'s poison policy {@link PoisonPolicy#SKIP SKIP} may move
	 * the processor past an entry that keeps failing. A processor whose failed entry may
	 * have written part of its effects elsewhere (a process manager) returns {@code false}:
	 * skipping would leave those effects half done for good, so the entry keeps failing
	 * until it succeeds.
	 * @return {@code true} by default
	 */
	default boolean allowsSkippingPoisonedEntries() {
		return true;
	}

	/**
	 * Whether a failure inside {@link #processEvents(EntryHandler)} leaves no trace: the
	 * events the handler applied before it failed are undone with the cursor, as a database
	 * transaction rolls back. When it does not (the default, and read models kept in
	 * memory), the {@link Reader} resets the processor after a failure in the middle of an
	 * entry and loads it again up to just before the entry (from its newest snapshot or the
	 * beginning), so that an entry is applied whole or not at all; a processor that cannot
	 * be reset is then stopped ({@link ProcessorStoppedException}). Override it to return
	 * {@code true} only when everything the handler applies is rolled back.
	 * @return whether a failed entry leaves no trace
	 */
	default boolean rollsBackOnFailure() {
		return false;
	}

	/**
	 * Forgets all state and goes back to the beginning of the stream, entirely or not at
	 * all, so that the Reader can rebuild it. Read models kept in memory can; by default a
	 * processor cannot.
	 * @throws IllegalStateException if this processor cannot be reset
	 */
	default void reset() {
		throw new IllegalStateException(getClass().getName() + " cannot be reset, so it cannot be rebuilt");
	}

	/**
	 * Returns the event types this processor understands; entries' events of other types
	 * are skipped (and counted) by the Reader.
	 * @return the event types
	 */
	EventTypes eventTypes();

	/**
	 * Returns the perspective under which this processor's snapshots are stored, or empty
	 * if it takes none (the default).
	 * @return the snapshot perspective
	 */
	default Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.empty();
	}

	/**
	 * Returns the current state and cursor as a snapshot. Called only when
	 * {@link #snapshotPerspective()} is present.
	 * @return the snapshot
	 */
	default Snapshot takeSnapshot() {
		throw new IllegalStateException(getClass().getName() + " takes no snapshots: it has no snapshotPerspective()");
	}

	/**
	 * Replaces the state and cursor with a snapshot's, entirely or not at all. Called only
	 * when {@link #snapshotPerspective()} is present and the processor is at the beginning.
	 * @param snapshot the snapshot
	 */
	default void installSnapshot(Snapshot snapshot) {
		throw new IllegalStateException(getClass().getName() + " takes no snapshots: it has no snapshotPerspective()");
	}

}
