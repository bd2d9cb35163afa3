package io.eventhorizon.core;

/**
 * Thrown before writing a commit that would not fit into one DynamoDB item (400 KB).
 * Split the commit, or store large payloads elsewhere and reference them.
 *
 * @since 0.1.0
 */
public class CommitTooLargeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final Cursor target;

	private final long itemSize;

	public CommitTooLargeException(Cursor target, long itemSize, long limit) {
		super("Commit to " + target + " is " + itemSize + " bytes as a stored item, more than the limit of "
				+ limit + " bytes; nothing was written");
		this.target = target;
		this.itemSize = itemSize;
	}

	/**
	 * Returns where the commit was to be written.
	 * @return the cursor of the refused entry
	 */
	public Cursor getTarget() {
		return this.target;
	}

	/**
	 * Returns the size the stored item would have had.
	 * @return the item size in bytes
	 */
	public long getItemSize() {
		return this.itemSize;
	}

}
