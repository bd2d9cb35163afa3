package io.eventhorizon.core;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A page of {@link ChangeFeed} records, oldest first.
 * <p>
 * Immutable and thread-safe.
 *
 * @param records the records
 * @param more whether more records may follow; read them with
 * {@link FeedQuery#after(FeedRecord)} of the last record
 * @since 0.1.0
 */
public record FeedPage(List<FeedRecord> records, boolean more) {

	public FeedPage {
		records = List.copyOf(Objects.requireNonNull(records, "records must not be null"));
	}

	/**
	 * Returns the last record, or {@code null} when the page is empty.
	 * @return the last record
	 */
	public @Nullable FeedRecord last() {
		return this.records.isEmpty() ? null : this.records.get(this.records.size() - 1);
	}

}
