package io.eventhorizon.core;

/**
 * Thrown before storing a snapshot larger than the store's {@link SnapshotSizeLimit}.
 * Nothing is stored or truncated; the read model keeps working from the events.
 *
 * @since 0.1.0
 */
public class SnapshotTooLargeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final long size;

	private final long limit;

	/**
	 * Creates an exception for a refused snapshot.
	 * @param snapshot the refused snapshot
	 * @param size the size of its data in bytes
	 * @param limit the largest accepted size in bytes
	 */
	public SnapshotTooLargeException(Snapshot snapshot, long size, long limit) {
		super("Snapshot " + snapshot.perspective() + " of " + snapshot.cursor() + " is " + size
				+ " bytes, more than the limit of " + limit + " bytes; it was not stored");
		this.size = size;
		this.limit = limit;
	}

	/**
	 * Returns the size of the refused snapshot's data.
	 * @return the size in bytes
	 */
	public long getSize() {
		return this.size;
	}

	/**
	 * Returns the largest accepted size.
	 * @return the limit in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

}
