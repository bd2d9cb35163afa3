package io.eventhorizon.cli;

import java.util.List;
import java.util.Map;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Looks at the snapshots table directly, below the store: which chunk items a stream's
 * split snapshots left.
 */
final class SnapshotTable {

	private SnapshotTable() {
	}

	/**
	 * Returns the sort keys of the chunk items of a stream's snapshots, which live under the
	 * partition {@code $chunks} + the stream.
	 */
	static List<String> chunkItems(CliSession session, StreamName stream) {
		return session.client()
			.queryPaginator((query) -> query.tableName(session.snapshotsTable())
				.consistentRead(true)
				.keyConditionExpression("s = :s")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("$chunks" + stream))))
			.items()
			.stream()
			.map((item) -> item.get("c").s())
			.toList();
	}

}
