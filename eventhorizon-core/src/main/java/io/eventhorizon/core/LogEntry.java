package io.eventhorizon.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a stream: one atomic commit of one or more events, at its cursor.
 *
 * Immutable and thread-safe.
 *
 * @param cursor where the entry is
 * @param data what the entry holds
 * @param command the idempotency key and result of the command that committed the entry,
 * or {@code null} when it carried no key
 * @since 0.1.0
 */
public record LogEntry(Cursor cursor, LogData data, @Nullable CommandRecord command) {

	public LogEntry {
		Objects.requireNonNull(cursor, "cursor must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

	/**
	 * An entry committed without an idempotency key.
	 * @param cursor where the entry is
	 * @param data what the entry holds
	 */
	public LogEntry(Cursor cursor, LogData data) {
		this(cursor, data, null);
	}

}
