package io.eventhorizon.core;

import java.util.List;
import java.util.Objects;

/**
 * One page of a stream, read after a cursor.
 *
 * Immutable and thread-safe.
 *
 * @param entries the entries in order, possibly none
 * @param lastEntry the cursor of the last entry of this page, or the cursor read after
 * when the page is empty: read after it for the next page
 * @param more whether more entries may follow; when {@code false} the reader has reached
 * the head as it was at the time of the read ("realtime")
 * @since 0.1.0
 */
public record ReadResult(List<LogEntry> entries, Cursor lastEntry, boolean more) {

	public ReadResult {
		entries = List.copyOf(entries);
		Objects.requireNonNull(lastEntry, "lastEntry must not be null");
	}

}
