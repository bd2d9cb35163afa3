package io.eventhorizon.dynamodb;

/**
 * Attribute names of the tables. One character each, as in the Go project: DynamoDB
 * charges for the bytes of attribute names in every item.
 */
final class TableLayout {

	/** Partition key of both tables (S): the stream name. */
	static final String STREAM = "s";

	/** Sort key of the events table (N): the entry's version. */
	static final String VERSION = "v";

	/** Kind byte followed by the payload (B). */
	static final String DATA = "d";

	/**
	 * Only on {@code @0} while the stream is being created (N): the parent's version after
	 * which the {@code $stream.ChildStreamCreated} announcement goes.
	 */
	static final String PENDING_AFTER = "p";

	/**
	 * On entries this library appends (B, 8 random bytes): which put wrote the entry, so
	 * that a retried put recognises its own entry.
	 */
	static final String COMMIT_ID = "i";

	/** Sort key of the snapshots table (S): the perspective {@code appId:version}. */
	static final String PERSPECTIVE = "c";

	private TableLayout() {
	}

}
