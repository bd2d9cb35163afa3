package io.eventhorizon.spring;

import java.util.function.Supplier;

import io.eventhorizon.client.ProcessorCursorMismatchException;
import io.eventhorizon.core.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * Tells a transactional entry that lost a race to another instance apart from one whose
 * handlers failed. A lost race can surface as any failure (a lock timeout, a duplicate key,
 * a move that found the cursor moved, a handler's write that collided): what tells it apart
 * is that the committed cursor is no longer the one the transaction locked. Such an entry
 * must be read on from, never retried or skipped.
 */
final class LostRace {

	private LostRace() {
	}

	/**
	 * Returns the exception to throw for a failed transactional entry.
	 * @param failure what the transaction threw
	 * @param locked the cursor the transaction locked, or {@code null} if it locked none
	 * @param committed reads the committed cursor again
	 * @return a {@link ProcessorCursorMismatchException} caused by {@code failure} when the
	 * committed cursor moved away from {@code locked}; {@code failure} otherwise
	 */
	static RuntimeException or(RuntimeException failure, @Nullable Cursor locked, Supplier<Cursor> committed) {
		if (failure instanceof ProcessorCursorMismatchException) {
			return failure;
		}
		Cursor now;
		try {
			now = committed.get();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			return failure;
		}
		if (now.equals(locked)) {
			return failure;
		}
		ProcessorCursorMismatchException mismatch = new ProcessorCursorMismatchException(
				(locked != null) ? locked : now, now);
		mismatch.initCause(failure);
		return mismatch;
	}

}
