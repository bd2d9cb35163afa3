package io.eventhorizon.client;

import java.util.function.Consumer;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.event.Event;

/**
 * What the {@link Reader} does inside a processor's transaction, for one entry: check the
 * cursor the processor has stored, hand over the entry's events, and commit the entry's
 * cursor. The processor runs it inside its own transaction, so that the events' effects
 * and the new cursor are stored together or not at all.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EntryHandler {

	/**
	 * Processes one entry within the processor's transaction.
	 * @param storedCursor the cursor the processor has stored (read within the transaction)
	 * @param handleEvent receives each event of the entry, in order; the processor applies
	 * it to its state
	 * @param commit receives the entry's cursor; the processor stores it as its new cursor,
	 * in the same transaction
	 * @throws ProcessorCursorMismatchException if {@code storedCursor} is not the cursor the
	 * Reader expected; the processor must then roll back
	 */
	void handle(Cursor storedCursor, Consumer<Event> handleEvent, Consumer<Cursor> commit);

}
