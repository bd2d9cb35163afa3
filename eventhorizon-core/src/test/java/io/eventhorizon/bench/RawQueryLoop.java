package io.eventhorizon.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline's reader: a hand-written {@code Query} loop over a stream's items (pages of
 * 100, strongly consistent) with the plain SDK, as an application without this library
 * would write it.
 */
final class RawQueryLoop {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RawQueryLoop() {
	}

	/**
	 * Reads the stream's entries after a version and parses both JSON documents of every
	 * line with Jackson.
	 * @return the number of lines (events) read
	 */
	static long readAndParse(DynamoDbClient client, String table, StreamName stream, long afterVersion) {
		long[] events = new long[1];
		pages(client, table, stream, afterVersion, ReturnConsumedCapacity.NONE, (page) -> {
			for (Map<String, AttributeValue> item : page.items()) {
				byte[] stored = item.get("d").b().asByteArrayUnsafe();
				for (String line : new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8).split("\n")) {
					int split = line.indexOf("} ") + 1;
					JSON.readTree(line.substring(0, split));
					JSON.readTree(line.substring(split + 1));
					events[0]++;
				}
			}
		});
		return events[0];
	}

	/**
	 * Reads the stream's entries after a version.
	 * @return the read capacity units DynamoDB reports for the reads
	 */
	static double readCapacity(DynamoDbClient client, String table, StreamName stream, long afterVersion) {
		double[] units = new double[1];
		pages(client, table, stream, afterVersion, ReturnConsumedCapacity.TOTAL,
				(page) -> units[0] += page.consumedCapacity().capacityUnits());
		return units[0];
	}

	private static void pages(DynamoDbClient client, String table, StreamName stream, long afterVersion,
			ReturnConsumedCapacity capacity, Consumer<QueryResponse> eachPage) {
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> exclusiveStart = start;
			QueryResponse page = client.query((query) -> query.tableName(table)
				.keyConditionExpression("s = :s AND v > :v")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stream.toString()), ":v",
						AttributeValue.fromN(Long.toString(afterVersion))))
				.exclusiveStartKey(exclusiveStart)
				.limit(100)
				.consistentRead(true)
				.returnConsumedCapacity(capacity));
			eachPage.accept(page);
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
	}

}
