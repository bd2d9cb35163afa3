package io.eventhorizon.client;

import java.util.Objects;
import java.util.Optional;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import org.jspecify.annotations.Nullable;

/**
 * A base for read models kept in memory: it keeps the cursor, so a subclass only applies
 * events. To take snapshots, pass a perspective to the constructor and implement
 * {@link #snapshotState()} and {@link #restoreState(byte[])}.
 * <p>
 * An in-memory model has no transaction to roll back: {@link #apply(Event)} must check
 * before it changes anything, so that an event it rejects leaves the state as it was. When
 * a later event of an entry fails after earlier ones were applied, the {@link Reader}
 * resets the processor ({@link #clearState()}) and loads it again up to just before the
 * entry, so that the entry is applied whole or not at all; a processor that does not
 * override {@link #clearState()} is stopped instead ({@link ProcessorStoppedException}).
 * <p>
 * Thread-safety: the Reader calls a processor from one thread at a time; the cursor is
 * published safely, and a subclass must publish the state it lets other threads read
 * (concurrent collections or synchronized accessors).
 *
 * @since 0.1.0
 */
public abstract class InMemoryProcessor implements EventsProcessor {

	private volatile Cursor cursor;

	private final @Nullable SnapshotPerspective perspective;

	/**
	 * Creates a processor of {@code stream} that takes no snapshots.
	 * @param stream the stream to read
	 */
	protected InMemoryProcessor(StreamName stream) {
		this.cursor = stream.beginning();
		this.perspective = null;
	}

	/**
	 * Creates a processor of {@code stream} that takes snapshots under {@code perspective}.
	 * @param stream the stream to read
	 * @param perspective the snapshot perspective, such as {@code bank-accounts:v1}
	 */
	protected InMemoryProcessor(StreamName stream, SnapshotPerspective perspective) {
		this.cursor = stream.beginning();
		this.perspective = Objects.requireNonNull(perspective, "perspective must not be null");
	}

	/**
	 * Returns the cursor of the last entry applied.
	 * @return the cursor
	 */
	public final Cursor cursor() {
		return this.cursor;
	}

	@Override
	public final void processEvents(EntryHandler handler) {
		handler.handle(this.cursor, this::apply, (committed) -> this.cursor = committed);
	}

	/**
	 * Applies one event to the state.
	 * @param event the event
	 */
	protected abstract void apply(Event event);

	@Override
	public final Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.ofNullable(this.perspective);
	}

	@Override
	public final Snapshot takeSnapshot() {
		return Snapshot.of(this.cursor, snapshotPerspective().orElseThrow(), snapshotState());
	}

	@Override
	public final void installSnapshot(Snapshot snapshot) {
		restoreState(snapshot.data());
		this.cursor = snapshot.cursor();
	}

	@Override
	public final void reset() {
		clearState();
		this.cursor = this.cursor.stream().beginning();
	}

	/**
	 * Forgets all state, for a rebuild; by default a processor cannot be rebuilt.
	 */
	protected void clearState() {
		throw new IllegalStateException(getClass().getName() + " does not override clearState(), so it cannot be rebuilt");
	}

	/**
	 * Serializes the state; called when the processor has a snapshot perspective.
	 * @return the serialized state
	 */
	protected byte[] snapshotState() {
		throw new IllegalStateException(getClass().getName() + " has a snapshot perspective but does not "
				+ "override snapshotState()");
	}

	/**
	 * Replaces the state with a serialized one, entirely or not at all; called when the
	 * processor has a snapshot perspective.
	 * @param data the serialized state
	 */
	protected void restoreState(byte[] data) {
		throw new IllegalStateException(getClass().getName() + " has a snapshot perspective but does not "
				+ "override restoreState(byte[])");
	}

}
