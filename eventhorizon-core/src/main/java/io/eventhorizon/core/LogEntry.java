package io.eventhorizon.core;

import java.util.Objects;

/**
 * One entry of a stream: one atomic commit of one or more events, at its cursor.
 *
 * Immutable and thread-safe.
 *
 * @param cursor where the entry is
 * @param data what the entry holds
 * @since 0.1.0
 */
public record LogEntry(Cursor cursor, LogData data) {

	public LogEntry {
		Objects.requireNonNull(cursor, "cursor must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

}
