package io.eventhorizon.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream's items read and written as an application without this library would, with
 * the plain SDK: the benchmarks' baseline. Items are {@code s}, {@code v} and {@code d}
 * (the kind byte and the event lines); reads are {@code Query} loops in pages of 100,
 * strongly consistent, that parse both JSON documents of every line with Jackson.
 */
public final class PlainSdk {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PlainSdk() {
	}

	/**
	 * Returns the item of an entry.
	 * @param stream the stream
	 * @param version the entry's version
	 * @param stored the kind byte and the event lines
	 * @return the item
	 */
	public static Map<String, AttributeValue> item(StreamName stream, long version, byte[] stored) {
		return Map.of("s", AttributeValue.fromS(stream.toString()), "v", AttributeValue.fromN(Long.toString(version)),
				"d", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(stored)));
	}

	/**
	 * Returns the item stored for an entry, as a strongly consistent {@code GetItem} sees it.
	 * @param client the client
	 * @param table the events table
	 * @param entry the entry
	 * @return its attributes; empty when there is no such item
	 */
	public static Map<String, AttributeValue> storedItem(DynamoDbClient client, String table, Cursor entry) {
		return client.getItem((get) -> get.tableName(table)
			.key(Map.of("s", AttributeValue.fromS(entry.stream().toString()), "v",
					AttributeValue.fromN(Long.toString(entry.version()))))
			.consistentRead(true)).item();
	}

	/**
	 * Writes an entry unless its version is taken (a conditional {@code PutItem}).
	 * @param client the client
	 * @param table the table
	 * @param stream the stream
	 * @param version the entry's version
	 * @param stored the kind byte and the event lines
	 */
	public static void putIfAbsent(DynamoDbClient client, String table, StreamName stream, long version,
			byte[] stored) {
		client.putItem((put) -> put.tableName(table)
			.item(item(stream, version, stored))
			.conditionExpression("attribute_not_exists(s) AND attribute_not_exists(v)"));
	}

	/**
	 * Reads the events after a version and parses both documents of each.
	 * @param client the client
	 * @param table the table
	 * @param stream the stream
	 * @param afterVersion the last version not to read
	 * @param visitor told of each event's entry version and payload
	 * @return the number of events read
	 */
	public static long readEvents(DynamoDbClient client, String table, StreamName stream, long afterVersion,
			EventVisitor visitor) {
		long[] events = new long[1];
		pages(client, table, stream, afterVersion, ReturnConsumedCapacity.NONE, (page) -> {
			for (Map<String, AttributeValue> item : page.items()) {
				long version = Long.parseLong(item.get("v").n());
				byte[] stored = item.get("d").b().asByteArrayUnsafe();
				for (String line : new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8).split("\n")) {
					int split = line.indexOf("} ") + 1;
					JSON.readTree(line.substring(0, split));
					visitor.visit(version, JSON.readTree(line.substring(split + 1)));
					events[0]++;
				}
			}
		});
		return events[0];
	}

	/**
	 * Reads the entries after a version.
	 * @param client the client
	 * @param table the table
	 * @param stream the stream
	 * @param afterVersion the last version not to read
	 * @return the read capacity units DynamoDB reports for the reads
	 */
	public static double readCapacity(DynamoDbClient client, String table, StreamName stream, long afterVersion) {
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

	/** Told of each event a read parses. */
	@FunctionalInterface
	public interface EventVisitor {

		/** Told of nothing: for reads that only count. */
		EventVisitor NONE = (version, payload) -> {
		};

		/**
		 * Told of one event.
		 * @param version the version of its entry
		 * @param payload its payload
		 */
		void visit(long version, JsonNode payload);

	}

}
