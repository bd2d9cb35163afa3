package io.eventhorizon.tree;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import org.jspecify.annotations.Nullable;

/**
 * A base for read models of a tree of streams kept in memory: it keeps each stream's cursor
 * and the feed position, so a subclass only applies events. To take snapshots, pass a
 * perspective to the constructor and implement {@link #snapshotState()} and
 * {@link #restoreState(byte[])}; a snapshot holds the state, every stream's cursor and the
 * feed position, so a restart from it reads only what moved since, without walking the tree.
 * <p>
 * An in-memory model has no transaction to roll back: {@link #apply(StreamName, Event)}
 * must check before it changes anything. When a later event of an entry fails after earlier
 * ones were applied, the {@link TreeReader} resets the processor ({@link #clearState()}) and
 * loads it again without the entry; a processor that does not override
 * {@link #clearState()} is stopped instead.
 * <p>
 * Thread-safety: the TreeReader calls a processor from one thread at a time; the cursors
 * and the position are published safely, and a subclass must publish the state it lets
 * other threads read (concurrent collections or synchronized accessors).
 *
 * @since 0.1.0
 */
public abstract class InMemoryTreeProcessor implements TreeProcessor {

	private final StreamName tree;

	private final @Nullable SnapshotPerspective perspective;

	private final Map<StreamName, Cursor> cursors = new ConcurrentHashMap<>();

	private volatile @Nullable FeedPosition position;

	/**
	 * Creates a processor of the streams below {@code tree} that takes no snapshots.
	 * @param tree the top of the tree
	 */
	protected InMemoryTreeProcessor(StreamName tree) {
		this(tree, null);
	}

	/**
	 * Creates a processor of the streams below {@code tree} that takes snapshots under
	 * {@code perspective}, or none when it is {@code null}.
	 * @param tree the top of the tree
	 * @param perspective the snapshot perspective, such as {@code chat-rooms:v1}, or
	 * {@code null} to take no snapshots
	 */
	protected InMemoryTreeProcessor(StreamName tree, @Nullable SnapshotPerspective perspective) {
		this.tree = Objects.requireNonNull(tree, "tree must not be null");
		this.perspective = perspective;
	}

	/**
	 * Returns the top of the tree.
	 * @return the tree
	 */
	public final StreamName tree() {
		return this.tree;
	}

	/**
	 * Returns the cursor of the last entry applied of a stream.
	 * @param stream the stream
	 * @return the cursor; the stream's beginning for a stream not seen yet
	 */
	public final Cursor cursor(StreamName stream) {
		return this.cursors.getOrDefault(stream, stream.beginning());
	}

	/**
	 * Returns the cursor of every stream seen, by stream name.
	 * @return a copy of the cursors
	 */
	public final Map<StreamName, Cursor> cursors() {
		return new TreeMap<>(this.cursors);
	}

	@Override
	public final void processEvents(StreamName stream, EntryHandler handler) {
		handler.handle(cursor(stream), (event) -> apply(stream, event), (committed) -> this.cursors.put(stream, committed));
	}

	/**
	 * Applies one event of a stream to the state.
	 * @param stream the stream the event is in
	 * @param event the event
	 */
	protected abstract void apply(StreamName stream, Event event);

	@Override
	public final Optional<FeedPosition> storedPosition() {
		return Optional.ofNullable(this.position);
	}

	@Override
	public final void storePosition(FeedPosition position) {
		this.position = Objects.requireNonNull(position, "position must not be null");
	}

	@Override
	public final void reset() {
		clearState();
		this.cursors.clear();
		this.position = null;
	}

	@Override
	public final Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.ofNullable(this.perspective);
	}

	/**
	 * Returns the state, every stream's cursor and the feed position as a snapshot of the
	 * tree, at {@code tree.at(n)} with {@code n} the number of entries applied across the
	 * tree, so that a newer snapshot has a later cursor.
	 * @return the snapshot
	 */
	@Override
	public final Snapshot takeSnapshot() {
		Map<StreamName, Cursor> cursors = cursors();
		long entries = cursors.values().stream().mapToLong((cursor) -> cursor.version() + 1).sum();
		byte[] data = new TreeSnapshotFormat(this.position, cursors, snapshotState()).write();
		return Snapshot.of(this.tree.at(entries), snapshotPerspective().orElseThrow(), data);
	}

	@Override
	public final void installSnapshot(Snapshot snapshot) {
		TreeSnapshotFormat contents = TreeSnapshotFormat.read(snapshot.data());
		restoreState(contents.state());
		this.cursors.clear();
		this.cursors.putAll(contents.cursors());
		this.position = contents.position();
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
