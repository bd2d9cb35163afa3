package io.eventhorizon.cli;

import java.util.Map;
import java.util.stream.Stream;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The items of the events table as they are stored, for the commands that look beneath the
 * event log (verify, export, import). The attribute names are those of the storage format
 * ({@code docs/storage-format.md}); a test pins them against what the library writes.
 * <p>
 * Thread-safe: it holds only the client and the table name.
 */
final class EventItems {

	/** The stream name (S), the partition key. */
	static final String STREAM = "s";

	/** The version (N), the sort key. */
	static final String VERSION = "v";

	/** The kind byte and the payload (B). */
	static final String DATA = "d";

	/** Only on a stream's {@code @0} while it is being created (N): the parent's version. */
	static final String PENDING_AFTER = "p";

	/** The change feed's time (N), in milliseconds. */
	static final String FEED_TIME = "ft";

	private final DynamoDbClient client;

	private final String table;

	EventItems(DynamoDbClient client, String table) {
		this.client = client;
		this.table = table;
	}

	/**
	 * Returns every item of a stream and of the streams below it, read page by page with
	 * strongly consistent reads, in no particular order.
	 * @param tree the top of the tree; the root for the whole table
	 * @return the items; close the stream when done
	 */
	Stream<Map<String, AttributeValue>> scan(StreamName tree) {
		ScanRequest.Builder request = ScanRequest.builder().tableName(this.table).consistentRead(true);
		if (!tree.isRoot()) {
			// The filter saves the bytes sent, not the capacity read: a scan reads the whole table.
			request.filterExpression("#s = :tree OR begins_with(#s, :below)")
				.expressionAttributeNames(Map.of("#s", STREAM))
				.expressionAttributeValues(Map.of(":tree", AttributeValue.fromS(tree.toString()), ":below",
						AttributeValue.fromS(tree + "/")));
		}
		return this.client.scanPaginator(request.build()).items().stream();
	}

	/**
	 * Returns the items of one stream, read page by page with strongly consistent reads, in
	 * the order of their versions.
	 * @param stream the stream
	 * @return the items; empty when the stream has none; close the stream when done
	 */
	Stream<Map<String, AttributeValue>> query(StreamName stream) {
		return query(stream, -1);
	}

	/**
	 * Returns the items of one stream above a version, read page by page with strongly
	 * consistent reads, in the order of their versions.
	 * @param stream the stream
	 * @param afterVersion the version to read after; -1 for all the stream's items
	 * @return the items; empty when the stream has none above it; close the stream when done
	 */
	Stream<Map<String, AttributeValue>> query(StreamName stream, long afterVersion) {
		return this.client
			.queryPaginator((query) -> query.tableName(this.table)
				.consistentRead(true)
				.keyConditionExpression("#s = :s AND #v > :after")
				.expressionAttributeNames(Map.of("#s", STREAM, "#v", VERSION))
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stream.toString()), ":after",
						AttributeValue.fromN(Long.toString(afterVersion)))))
			.items()
			.stream();
	}

	/**
	 * Returns the table's item count as DynamoDB last computed it (about every six hours),
	 * for an estimate of the work.
	 * @return the approximate count
	 */
	long approximateCount() {
		Long count = this.client.describeTable((describe) -> describe.tableName(this.table)).table().itemCount();
		return (count != null) ? count : 0;
	}

}
