package io.eventhorizon.core;

/**
 * Thrown before storing a snapshot that would not fit into one DynamoDB item (400 KB).
 * Nothing is stored or truncated; the read model keeps working from the events.
 *
 * @since 0.1.0
 */
public class SnapshotTooLargeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final long itemSize;

	public SnapshotTooLargeException(Snapshot snapshot, long itemSize, long limit) {
		super("Snapshot " + snapshot.perspective() + " of " + snapshot.cursor() + " is " + itemSize
				+ " bytes as a stored item, more than the limit of " + limit + " bytes; it was not stored");
		this.itemSize = itemSize;
	}

	/**
	 * Returns the size the stored item would have had.
	 * @return the item size in bytes
	 */
	public long getItemSize() {
		return this.itemSize;
	}

}
