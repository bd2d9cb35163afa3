package io.eventhorizon.spring;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.ProcessorCursorMismatchException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.tree.FeedPosition;
import io.eventhorizon.tree.TreeProcessor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TreeProcessor} of an {@link EventProcessor#tree() @EventProcessor(tree = ...,
 * transactional = true)} bean: dispatches events to its {@link EventHandler} methods within
 * a new transaction per entry, which also locks and moves the cursor of the entry's stream
 * and keeps the feed position, through a {@link TransactionalTreeCursorStore}.
 * <p>
 * Thread-safe: it keeps no state of its own; the store and the database are shared.
 *
 * @since 0.1.0
 */
public final class TransactionalTreeProcessor implements TreeProcessor {

	private final String name;

	private final StreamName tree;

	private final AnnotatedEventsProcessor.Handlers handlers;

	private final TransactionalTreeCursorStore cursorStore;

	TransactionalTreeProcessor(String name, StreamName tree, AnnotatedEventsProcessor.Handlers handlers,
			TransactionalTreeCursorStore cursorStore) {
		this.name = name;
		this.tree = tree;
		this.handlers = handlers;
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
	 * Returns the parent whose streams this processor follows.
	 * @return the tree
	 */
	public StreamName tree() {
		return this.tree;
	}

	/**
	 * Returns the committed cursor of a stream, without taking the database's lock: the
	 * cursor is checked again, under the lock, when the stream's next entry is processed.
	 * @param stream a stream of the tree
	 * @return the cursor; the stream's beginning if nothing of it was applied
	 */
	@Override
	public Cursor storedCursor(StreamName stream) {
		return this.cursorStore.load(this.name, stream).orElse(stream.beginning());
	}

	/**
	 * Runs {@code handler} for one entry of {@code stream} in a new transaction that locks
	 * the stream's cursor before the handlers run and moves it only from the cursor it
	 * locked, so when another instance applied the entry first this one rolls back and
	 * throws {@link ProcessorCursorMismatchException}, which makes the reader read on from
	 * the other instance's cursor.
	 * @param stream the entry's stream
	 * @param handler the reader's work for one entry
	 * @throws ProcessorCursorMismatchException if another instance moved the cursor
	 */
	@Override
	public void processEvents(StreamName stream, EntryHandler handler) {
		TransactionalTreeCursorStore store = this.cursorStore;
		AtomicReference<@Nullable Cursor> locked = new AtomicReference<>();
		try {
			store.inNewTransaction(() -> {
				Cursor stored = store.lock(this.name, stream);
				locked.set(stored);
				handler.handle(stored, (event) -> this.handlers.dispatch(event, stored.next()), (committed) -> {
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

	@Override
	public EventTypes eventTypes() {
		return this.handlers.eventTypes();
	}

	@Override
	public Optional<FeedPosition> storedPosition() {
		return this.cursorStore.loadPosition(this.name);
	}

	@Override
	public void storePosition(FeedPosition position) {
		this.cursorStore.storePosition(this.name, position);
	}

	/**
	 * Whether a failed entry leaves no trace: always, its transaction rolls back the
	 * handlers' writes with the cursor.
	 * @return {@code true}
	 */
	@Override
	public boolean rollsBackOnFailure() {
		return true;
	}

	@Override
	public void reset() {
		throw new IllegalStateException("Processor '" + this.name + "' keeps its state in a database, so it "
				+ "cannot be rebuilt here; clear its tables and its rows in eventhorizon_tree_cursors and "
				+ "eventhorizon_tree_positions instead");
	}

}
