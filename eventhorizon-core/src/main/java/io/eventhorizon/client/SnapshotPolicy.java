package io.eventhorizon.client;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When a {@link Reader} that reached realtime stores a new snapshot: once the processor
 * has moved at least {@code minEntries} past the stored snapshot, and at least
 * {@code minInterval} after the previous store began.
 * <p>
 * Immutable and thread-safe.
 *
 * @param minInterval the least time between two stores
 * @param minEntries the least number of entries the processor moved on since the stored
 * snapshot, at least 1
 * @since 0.1.0
 */
public record SnapshotPolicy(Duration minInterval, long minEntries) {

	/** At most every 30 seconds, whenever the processor moved on. */
	public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(Duration.ofSeconds(30), 1);

	/** Whenever the processor moved on: for tests. */
	public static final SnapshotPolicy EVERY_TIME = new SnapshotPolicy(Duration.ZERO, 1);

	public SnapshotPolicy {
		Objects.requireNonNull(minInterval, "minInterval must not be null");
		if (minInterval.isNegative()) {
			throw new IllegalArgumentException("minInterval must not be negative, was " + minInterval);
		}
		if (minEntries < 1) {
			throw new IllegalArgumentException("minEntries must be at least 1, was " + minEntries);
		}
	}

	/**
	 * Whether a new snapshot may be stored now.
	 * @param entriesSinceStored how many entries the processor moved on since the stored
	 * snapshot
	 * @param sinceLastStore the time since the previous store began, or {@code null} if
	 * there was none
	 * @return whether to store
	 */
	public boolean allows(long entriesSinceStored, @Nullable Duration sinceLastStore) {
		return entriesSinceStored >= this.minEntries
				&& (sinceLastStore == null || sinceLastStore.compareTo(this.minInterval) >= 0);
	}

}
