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
	 * On entries this library appends (B, 16 bytes from a {@code SecureRandom}): which put
	 * wrote the entry, so that a put whose outcome is unknown recognises its own entry. On
	 * a stream's {@code @0}: the id of the call that created it (the put's while pending,
	 * then that of the call that removed the mark).
	 */
	static final String COMMIT_ID = "i";

	/**
	 * On entries a command with an idempotency key committed (S): the key.
	 */
	static final String COMMAND_KEY = "k";

	/**
	 * On entries a command with an idempotency key committed (S): the command's result as
	 * JSON; absent when the command returned nothing.
	 */
	static final String COMMAND_RESULT = "r";

	/**
	 * On every entry of a stream below the root (S): the change feed's partition,
	 * {@code <top-level stream>#<partition>} such as {@code /bank#7}; the partition key of
	 * the index {@link #FEED_INDEX}. Root entries have none, so the index is sparse.
	 */
	static final String FEED_PARTITION = "f";

	/**
	 * On every entry of a stream below the root (N): the writer's clock in milliseconds when
	 * it was written, and on a stream's {@code @0} when its creation finished; the sort key of
	 * the index {@link #FEED_INDEX}.
	 */
	static final String FEED_TIME = "ft";

	/**
	 * The global secondary index of the events table that is the change feed: keys
	 * {@link #FEED_PARTITION} and {@link #FEED_TIME}, projection {@code KEYS_ONLY}.
	 */
	static final String FEED_INDEX = "feed";

	/** Sort key of the snapshots table (S): the perspective {@code appId:version}. */
	static final String PERSPECTIVE = "c";

	private TableLayout() {
	}

}
