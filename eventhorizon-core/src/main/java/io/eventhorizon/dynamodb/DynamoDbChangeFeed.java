package io.eventhorizon.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.FeedPage;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The {@link ChangeFeed} of a {@link DynamoDbEventLog}: the sparse global secondary index
 * {@code feed} of the events table, whose partition key {@code f} is
 * {@code <top-level stream>#<partition>} and whose sort key {@code ft} is the writer's clock
 * in milliseconds. Every entry below the root carries both, written by the same
 * conditional put as the entry.
 * <p>
 * A read is one {@code Query} on the index (more when every item of a page belongs to
 * another tree sharing the partition). The index is eventually consistent: a record may
 * become visible after its entry, which readers cover by reading again over an overlap.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class DynamoDbChangeFeed implements ChangeFeed {

	private final DynamoDbClient client;

	private final String tableName;

	private final int pageSize;

	private final TableCalls calls;

	private final ReturnConsumedCapacity returnCapacity;

	DynamoDbChangeFeed(DynamoDbClient client, String tableName, int pageSize, TableCalls calls,
			ReturnConsumedCapacity returnCapacity) {
		this.client = client;
		this.tableName = tableName;
		this.pageSize = pageSize;
		this.calls = calls;
		this.returnCapacity = returnCapacity;
	}

	/**
	 * Returns the name of the index this feed reads.
	 * @return {@code feed}
	 */
	public String indexName() {
		return TableLayout.FEED_INDEX;
	}

	@Override
	public FeedPage read(FeedQuery query) {
		Objects.requireNonNull(query, "query must not be null");
		String partition = partitionKey(ChangeFeed.topLevelOf(query.tree()), query.partition());
		Map<String, AttributeValue> startKey = startKey(query, partition);
		List<FeedRecord> records = new ArrayList<>();
		QueryResponse response;
		do {
			response = query(query, partition, startKey);
			for (Map<String, AttributeValue> item : response.items()) {
				records.add(record(item));
			}
			startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
		}
		// A page whose items all belong to another tree in this partition says nothing;
		// reading on spares the caller a page it cannot continue after.
		while (records.isEmpty() && !startKey.isEmpty());
		return new FeedPage(records, !startKey.isEmpty());
	}

	private QueryResponse query(FeedQuery query, String partition, Map<String, AttributeValue> startKey) {
		try {
			return this.calls.call("Query", () -> this.client.query((request) -> {
				request.tableName(this.tableName)
					.indexName(TableLayout.FEED_INDEX)
					.returnConsumedCapacity(this.returnCapacity)
					.keyConditionExpression("#f = :f AND #ft >= :from")
					.filterExpression("begins_with(#s, :tree)")
					.expressionAttributeNames(Map.of("#f", TableLayout.FEED_PARTITION, "#ft", TableLayout.FEED_TIME,
							"#s", TableLayout.STREAM))
					.expressionAttributeValues(Map.of(":f", AttributeValue.fromS(partition), ":from",
							AttributeValue.fromN(Long.toString(query.fromMillis())), ":tree",
							AttributeValue.fromS(query.tree() + "/")))
					.scanIndexForward(true)
					.limit(this.pageSize)
					// Global secondary indexes refuse consistent reads.
					.consistentRead(false);
				if (!startKey.isEmpty()) {
					request.exclusiveStartKey(startKey);
				}
			}), QueryResponse::consumedCapacity);
		}
		catch (DynamoDbException ex) {
			if (isMissingIndex(ex)) {
				throw new MissingIndexException(this.tableName, TableLayout.FEED_INDEX, ex);
			}
			throw ex;
		}
	}

	private static boolean isMissingIndex(DynamoDbException ex) {
		return ex.statusCode() == 400 && ex.awsErrorDetails() != null
				&& "ValidationException".equals(ex.awsErrorDetails().errorCode())
				&& Objects.requireNonNullElse(ex.awsErrorDetails().errorMessage(), "").contains("specified index");
	}

	// The index's position of the record to continue after. A record older than
	// `fromMillis` lies before where the query starts anyway.
	private static Map<String, AttributeValue> startKey(FeedQuery query, String partition) {
		FeedRecord after = query.continueAfter();
		if (after == null || after.timeMillis() < query.fromMillis()) {
			return Map.of();
		}
		StreamName stream = after.entry().stream();
		Map<String, AttributeValue> key = new HashMap<>();
		key.put(TableLayout.STREAM, AttributeValue.fromS(stream.toString()));
		key.put(TableLayout.VERSION, AttributeValue.fromN(Long.toString(after.entry().version())));
		key.put(TableLayout.FEED_PARTITION, AttributeValue.fromS(partition));
		key.put(TableLayout.FEED_TIME, AttributeValue.fromN(Long.toString(after.timeMillis())));
		return key;
	}

	private static FeedRecord record(Map<String, AttributeValue> item) {
		StreamName stream = StreamName.of(item.get(TableLayout.STREAM).s());
		long version = Long.parseLong(item.get(TableLayout.VERSION).n());
		return new FeedRecord(stream.at(version), Long.parseLong(item.get(TableLayout.FEED_TIME).n()));
	}

	/**
	 * Returns the value of {@code f} for the entries of {@code stream}.
	 * @param stream a stream below the root
	 * @return {@code <top-level stream>#<partition>}
	 */
	static String partitionKey(StreamName stream) {
		return partitionKey(ChangeFeed.topLevelOf(stream), ChangeFeed.partitionOf(stream));
	}

	private static String partitionKey(StreamName topLevel, int partition) {
		return topLevel + "#" + partition;
	}

	@Override
	public String toString() {
		return "DynamoDbChangeFeed[" + this.tableName + "/index/" + TableLayout.FEED_INDEX + "]";
	}

}
