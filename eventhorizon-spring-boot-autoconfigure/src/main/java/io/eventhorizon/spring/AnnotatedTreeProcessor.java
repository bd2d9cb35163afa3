package io.eventhorizon.spring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.ProcessorCursorMismatchException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.tree.FeedPosition;
import io.eventhorizon.tree.TreeProcessor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TreeProcessor} of an {@link EventProcessor#tree() @EventProcessor(tree = ...)}
 * bean: dispatches events to its {@link EventHandler} methods and keeps one cursor per
 * stream of the tree and the feed position, in memory or, for transactional processors, in
 * the database with the handlers' writes ({@link TransactionalTreeCursorStore}).
 * <p>
 * A snapshot of a processor kept in memory holds the bean's state, every stream's cursor and
 * the feed position, so that a restart from it neither applies an entry twice nor walks
 * the tree. Its cursor is {@code tree@n}, where {@code n} counts the entries the cursors
 * cover, so that a newer snapshot always has a later cursor.
 * <p>
 * Thread-safe as the tree reader uses it: called by one thread at a time; the cursors and
 * the position are published safely.
 *
 * @since 0.3.0
 */
public final class AnnotatedTreeProcessor implements TreeProcessor {

	private static final int SNAPSHOT_FORMAT = 1;

	private final String name;

	private final Object bean;

	private final StreamName tree;

	private final @Nullable SnapshotPerspective perspective;

	private final Map<Class<?>, HandlerMethod> handlers;

	private final EventTypes eventTypes;

	private final @Nullable TransactionalTreeCursorStore cursorStore;

	private final Map<StreamName, Cursor> cursors = new ConcurrentHashMap<>();

	private volatile @Nullable FeedPosition position;

	AnnotatedTreeProcessor(String name, Object bean, StreamName tree, @Nullable SnapshotPerspective perspective,
			Map<Class<?>, HandlerMethod> handlers, EventTypes eventTypes,
			@Nullable TransactionalTreeCursorStore cursorStore) {
		this.name = name;
		this.bean = bean;
		this.tree = tree;
		this.perspective = perspective;
		this.handlers = handlers;
		this.eventTypes = eventTypes;
		this.cursorStore = cursorStore;
	}

	/**
	 * Returns the processor's name: its bean name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the bean whose handlers this processor calls.
	 * @return the bean
	 */
	public Object bean() {
		return this.bean;
	}

	/**
	 * Returns the parent whose streams this processor follows.
	 * @return the tree
	 */
	public StreamName tree() {
		return this.tree;
	}

	/**
	 * Returns the cursor of the last entry of a stream applied (for a transactional
	 * processor, the committed one), without taking the database's lock: the cursor is
	 * checked again, under the lock, when the stream's next entry is processed.
	 * @param stream a stream of the tree
	 * @return the cursor; the stream's beginning if nothing of it was applied
	 */
	@Override
	public Cursor storedCursor(StreamName stream) {
		TransactionalTreeCursorStore store = this.cursorStore;
		if (store == null) {
			return this.cursors.getOrDefault(stream, stream.beginning());
		}
		return store.load(this.name, stream).orElse(stream.beginning());
	}

	/**
	 * Runs {@code handler} for one entry of {@code stream}. A transactional processor locks
	 * the stream's cursor in the database before the handlers run and moves it only from the
	 * cursor it locked, so when another instance applied the entry first this one rolls back
	 * and throws {@link ProcessorCursorMismatchException}, which makes the reader read on
	 * from the other instance's cursor.
	 * @param stream the entry's stream
	 * @param handler the reader's work for one entry
	 * @throws ProcessorCursorMismatchException if another instance moved the cursor
	 */
	@Override
	public void processEvents(StreamName stream, EntryHandler handler) {
		TransactionalTreeCursorStore store = this.cursorStore;
		if (store == null) {
			Cursor stored = this.cursors.getOrDefault(stream, stream.beginning());
			handler.handle(stored, (event) -> dispatch(event, stored.next()),
					(committed) -> this.cursors.put(stream, committed));
			return;
		}
		AtomicReference<@Nullable Cursor> locked = new AtomicReference<>();
		try {
			store.inNewTransaction(() -> {
				Cursor stored = store.lock(this.name, stream);
				locked.set(stored);
				handler.handle(stored, (event) -> dispatch(event, stored.next()), (committed) -> {
					if (!store.move(this.name, stored, committed)) {
						throw new IllegalStateException("Processor '" + this.name + "' could not move its cursor from "
								+ stored + " to " + committed + ": another instance moved it");
					}
				});
			});
		}
		catch (RuntimeException failure) {
			throw LostRace.or(failure, locked.get(), () -> storedCursor(stream));
		}
	}

	private void dispatch(Event event, Cursor entry) {
		HandlerMethod handler = this.handlers.get(event.payload().getClass());
		if (handler != null) {
			handler.invoke(event, entry);
		}
	}

	@Override
	public EventTypes eventTypes() {
		return this.eventTypes;
	}

	@Override
	public Optional<FeedPosition> storedPosition() {
		TransactionalTreeCursorStore store = this.cursorStore;
		return (store != null) ? store.loadPosition(this.name) : Optional.ofNullable(this.position);
	}

	@Override
	public void storePosition(FeedPosition position) {
		TransactionalTreeCursorStore store = this.cursorStore;
		if (store != null) {
			store.storePosition(this.name, position);
		}
		else {
			this.position = position;
		}
	}

	/**
	 * Whether a failed entry leaves no trace: only with a cursor store, whose transaction
	 * rolls back the handlers' writes.
	 * @return whether the processor keeps its cursors in a transactional store
	 */
	@Override
	public boolean rollsBackOnFailure() {
		return this.cursorStore != null;
	}

	@Override
	public void reset() {
		if (this.cursorStore != null) {
			throw new IllegalStateException("Processor '" + this.name + "' keeps its state in a database, so it "
					+ "cannot be rebuilt here; clear its tables and its rows in eventhorizon_tree_cursors and "
					+ "eventhorizon_tree_positions instead");
		}
		if (!(this.bean instanceof ResettableState resettable)) {
			throw new IllegalStateException("Processor '" + this.name + "' does not implement ResettableState, so it "
					+ "cannot be rebuilt");
		}
		resettable.resetState();
		this.cursors.clear();
		this.position = null;
	}

	@Override
	public Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.ofNullable(this.perspective);
	}

	@Override
	public Snapshot takeSnapshot() {
		SnapshotPerspective perspective = Objects.requireNonNull(this.perspective);
		Map<StreamName, Cursor> cursors = Map.copyOf(this.cursors);
		FeedPosition position = this.position;
		byte[] state = ((SnapshotState) this.bean).snapshotState();
		long entries = cursors.values().stream().mapToLong((cursor) -> cursor.version() + 1).sum();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(SNAPSHOT_FORMAT);
			out.writeUTF((position != null) ? position.toString() : "");
			out.writeInt(cursors.size());
			for (Cursor cursor : cursors.values()) {
				out.writeUTF(cursor.stream().toString());
				out.writeLong(cursor.version());
			}
			out.writeInt(state.length);
			out.write(state);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Snapshot.of(this.tree.at(entries), perspective, bytes.toByteArray());
	}

	@Override
	public void installSnapshot(Snapshot snapshot) {
		Map<StreamName, Cursor> cursors = new HashMap<>();
		FeedPosition position;
		byte[] state;
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot.data()))) {
			int format = in.readInt();
			if (format != SNAPSHOT_FORMAT) {
				throw new IllegalArgumentException("Processor '" + this.name + "' cannot read snapshot format " + format
						+ " of " + snapshot.perspective() + "; it reads format " + SNAPSHOT_FORMAT);
			}
			String positionText = in.readUTF();
			position = positionText.isEmpty() ? null : FeedPosition.parse(positionText);
			int streams = in.readInt();
			for (int i = 0; i < streams; i++) {
				StreamName stream = StreamName.of(in.readUTF());
				cursors.put(stream, stream.at(in.readLong()));
			}
			state = in.readNBytes(in.readInt());
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Processor '" + this.name + "' cannot read the snapshot "
					+ snapshot.perspective() + " at " + snapshot.cursor() + ": " + ex, ex);
		}
		// Only the bean can refuse the state: once it took it, the cursors follow.
		((SnapshotState) this.bean).restoreState(state);
		this.cursors.clear();
		this.cursors.putAll(cursors);
		this.position = position;
	}

}
