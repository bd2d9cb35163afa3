package io.eventhorizon.core;

/**
 * The largest snapshot a {@link SnapshotStore} accepts, the same in every implementation so
 * that what is accepted in memory is also accepted by DynamoDB. A snapshot that does not fit
 * into one DynamoDB item is stored split across items, up to this limit.
 * <p>
 * Immutable and thread-safe.
 *
 * @param maxBytes the largest accepted size of a snapshot's data, in bytes
 * @since 0.1.0
 */
public record SnapshotSizeLimit(int maxBytes) {

	/** 64 MB, the limit of a store created without one. */
	public static final SnapshotSizeLimit DEFAULT = new SnapshotSizeLimit(64 * 1024 * 1024);

	/**
	 * Creates a limit.
	 * @param maxBytes the largest accepted size of a snapshot's data, in bytes
	 * @throws IllegalArgumentException if {@code maxBytes} is not positive
	 */
	public SnapshotSizeLimit {
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("Snapshot size limit must be positive, but was " + maxBytes + " bytes");
		}
	}

	/**
	 * Refuses a snapshot over the limit.
	 * @param snapshot the snapshot
	 * @throws SnapshotTooLargeException if its data is larger than {@link #maxBytes()}
	 */
	public void check(Snapshot snapshot) {
		if (snapshot.size() > this.maxBytes) {
			throw new SnapshotTooLargeException(snapshot, snapshot.size(), this.maxBytes);
		}
	}

}
