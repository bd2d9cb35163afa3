package io.eventhorizon.core;

import java.util.Objects;

/**
 * One record of the {@link ChangeFeed}: the entry at {@code entry} was written (or, for a
 * stream's {@code @0}, its creation finished) at {@code timeMillis} by the writer's clock.
 * <p>
 * Immutable and thread-safe.
 *
 * @param entry the entry's cursor
 * @param timeMillis the writer's clock, milliseconds since the epoch
 * @since 0.1.0
 */
public record FeedRecord(Cursor entry, long timeMillis) {

	public FeedRecord {
		Objects.requireNonNull(entry, "entry must not be null");
		if (entry.isBeginning()) {
			throw new InvalidCursorException(entry.toString(), "a feed record names an entry, not the beginning");
		}
	}

}
