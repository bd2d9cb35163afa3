package io.eventhorizon.cli;

/**
 * Thrown when {@code import} finds an item of the same key, but other content, already in
 * the events table: it overwrites nothing, and stops there.
 * <p>
 * Thread-safe: immutable.
 */
final class ImportConflictException extends IllegalStateException {

	private final String item;

	ImportConflictException(String item, String table, long written) {
		super("Item " + item + " exists in " + table + " with other content; nothing was overwritten (" + written
				+ " items written before it)");
		this.item = item;
	}

	/**
	 * Returns the key of the item in conflict, such as {@code /bank@3}.
	 * @return the item's key
	 */
	String item() {
		return this.item;
	}

}
