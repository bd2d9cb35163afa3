package io.eventhorizon.dynamodb;

/**
 * Observes what EventHorizon's DynamoDB requests cost, from the consumed capacity that
 * DynamoDB reports with each response ({@code ReturnConsumedCapacity=TOTAL}), and which
 * requests were throttled (after the SDK's own retries). For metrics; implementations must
 * be thread-safe and quick. A listener that does not want the consumed capacity says so
 * through {@link #wantsConsumedCapacity()}: the requests then ask for none
 * ({@code ReturnConsumedCapacity=NONE}), and DynamoDB sends less with each response.
 *
 * @since 0.1.0
 */
public interface DynamoDbListener {

	/** A listener that ignores everything. */
	DynamoDbListener NONE = new DynamoDbListener() {
	};

	/**
	 * Whether the requests should ask DynamoDB for the capacity they consume, to be told
	 * through {@link #capacityConsumed}. Asked once, when the event log or snapshot store
	 * is created; {@link #NONE} wants none.
	 * @return whether to ask for the consumed capacity; {@code true} by default
	 * @since 0.1.0
	 */
	default boolean wantsConsumedCapacity() {
		return this != NONE;
	}

	/**
	 * A request consumed capacity.
	 * @param table the table
	 * @param operation the operation, such as {@code Query} or {@code PutItem}
	 * @param capacityUnits the read or write capacity units it consumed
	 */
	default void capacityConsumed(String table, String operation, double capacityUnits) {
	}

	/**
	 * One attempt of a request was throttled or failed on the server, and the SDK may try
	 * again (see {@link RetriedAttempts}).
	 * @param table the table, or {@code unknown}
	 * @param operation the operation
	 * @param reason {@code throttled} or {@code server-error}
	 */
	default void attemptFailed(String table, String operation, String reason) {
	}

	/**
	 * A request was throttled and the SDK gave up retrying it.
	 * @param table the table
	 * @param operation the operation
	 */
	default void throttled(String table, String operation) {
	}

}
