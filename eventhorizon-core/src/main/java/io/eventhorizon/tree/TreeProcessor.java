package io.eventhorizon.tree;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * A read model of every stream below a parent (its tree), including streams created
 * later. It keeps one cursor per stream and owns its storage. The {@link TreeReader} feeds
 * it entry by entry through {@link #processEvents(StreamName, EntryHandler)}: the processor
 * opens its transaction (or none, in memory), calls the handler with the cursor it has
 * stored for that stream, applies the events and stores the stream's new cursor, then
 * commits. Because each stream's cursor is committed with the effects, a database-backed
 * read model sees every entry exactly once and in its stream's order, whatever crashes and
 * however many instances run.
 * <p>
 * A {@link TreeReader} calls its processor from one thread at a time; state that other
 * threads read must be published safely by the processor.
 *
 * @since 0.1.0
 */
public interface TreeProcessor {

	/**
	 * Runs {@code handler} once inside the processor's transaction with the cursor stored
	 * for {@code stream} ({@code stream.beginning()} for a stream it has not seen), then
	 * commits (or rolls back if the handler throws).
	 * @param stream the stream whose entry is processed
	 * @param handler the reader's work for one entry
	 */
	void processEvents(StreamName stream, EntryHandler handler);

	/**
	 * Returns the cursor stored for a stream, by running an empty
	 * {@link #processEvents(StreamName, EntryHandler)}.
	 * @param stream the stream
	 * @return the stored cursor; the stream's beginning for a stream not seen yet
	 */
	default Cursor storedCursor(StreamName stream) {
		AtomicReference<@Nullable Cursor> stored = new AtomicReference<>();
		processEvents(stream, (cursor, handleEvent, commit) -> stored.set(cursor));
		Cursor cursor = stored.get();
		if (cursor == null) {
			throw new IllegalStateException(getClass().getName() + ".processEvents() did not call the handler");
		}
		return cursor;
	}

	/**
	 * Returns the event types this processor understands; other events are skipped.
	 * @return the event types
	 */
	EventTypes eventTypes();

	/**
	 * Returns the feed position stored by {@link #storePosition(FeedPosition)}, or empty
	 * when none is (the default): the reader then walks the whole tree once when it starts.
	 * @return the stored position
	 */
	default Optional<FeedPosition> storedPosition() {
		return Optional.empty();
	}

	/**
	 * Stores how far the feed has been read: every record up to the position that was
	 * visible has been applied. Called after the entries are committed; a position stored
	 * too early is never given. By default nothing is stored.
	 * @param position the position
	 */
	default void storePosition(FeedPosition position) {
	}

	/**
	 * Whether a failure inside {@link #processEvents(StreamName, EntryHandler)} leaves no
	 * trace (a database transaction rolls back). See
	 * {@link io.eventhorizon.client.EventsProcessor#rollsBackOnFailure()}.
	 * @return whether a failed entry leaves no trace
	 */
	default boolean rollsBackOnFailure() {
		return false;
	}

	/**
	 * Whether the reader's poison policy may skip an entry that keeps failing.
	 * @return {@code true} by default
	 */
	default boolean allowsSkippingPoisonedEntries() {
		return true;
	}

	/**
	 * Forgets all state and every cursor, entirely or not at all, so that the reader can
	 * rebuild it. By default a processor cannot.
	 * @throws IllegalStateException if this processor cannot be reset
	 */
	default void reset() {
		throw new IllegalStateException(getClass().getName() + " cannot be reset, so it cannot be rebuilt");
	}

	/**
	 * Returns the perspective under which snapshots are stored, or empty (the default).
	 * @return the snapshot perspective
	 */
	default Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.empty();
	}

	/**
	 * Returns the state, every stream's cursor and the feed position as a snapshot.
	 * @return the snapshot
	 */
	default Snapshot takeSnapshot() {
		throw new IllegalStateException(getClass().getName() + " takes no snapshots: it has no snapshotPerspective()");
	}

	/**
	 * Replaces the state, cursors and feed position with a snapshot's, entirely or not at
	 * all. Called only when the processor has seen nothing yet.
	 * @param snapshot the snapshot
	 */
	default void installSnapshot(Snapshot snapshot) {
		throw new IllegalStateException(getClass().getName() + " takes no snapshots: it has no snapshotPerspective()");
	}

}
