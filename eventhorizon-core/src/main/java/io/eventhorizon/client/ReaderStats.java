package io.eventhorizon.client;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.eventhorizon.core.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Reader} has done since it was created.
 * <p>
 * Immutable and thread-safe.
 *
 * @param cursor the processor's cursor as last known, or {@code null} before the first load
 * @param entriesProcessed entries fed to the processor (including ones with no known events)
 * @param eventsProcessed events handed to the processor
 * @param skippedEventsByType events of unknown types skipped, per type name
 * @param skippedEntriesOfUnknownKind entries of unknown kinds skipped
 * @param poisonedEntries entries the processor failed to apply and that were skipped
 * ({@link PoisonPolicy#SKIP})
 * @param snapshotsInstalled snapshots installed
 * @param snapshotsStored snapshots stored
 * @param snapshotFailures failed snapshot loads, takes and stores
 * @param lastRealtime when the processor last reached realtime, or {@code null}
 * @since 0.1.0
 */
public record ReaderStats(@Nullable Cursor cursor, long entriesProcessed, long eventsProcessed,
		Map<String, Long> skippedEventsByType, long skippedEntriesOfUnknownKind, long poisonedEntries,
		long snapshotsInstalled,
		long snapshotsStored, long snapshotFailures, @Nullable Instant lastRealtime) {

	public ReaderStats {
		skippedEventsByType = Map.copyOf(skippedEventsByType);
	}

	/**
	 * Returns the processor's cursor as last known.
	 * @return the cursor, or empty before the first load
	 */
	public Optional<Cursor> knownCursor() {
		return Optional.ofNullable(this.cursor);
	}

}
