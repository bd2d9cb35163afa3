package io.eventhorizon.dynamodb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.eventhorizon.core.ItemSizeLimit;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The {@link SnapshotStore} on DynamoDB, in the Go project's layout: partition key
 * {@code s} (stream), sort key {@code c} (perspective {@code appId:version}), {@code v}
 * (the cursor's version) and {@code d} (kind byte {@code 1} for plaintext, then the data).
 * A write is a conditional {@code PutItem}
 * ({@code attribute_not_exists(v) OR v < :version}), so an older snapshot never replaces a
 * newer one, whichever instance writes it. Reads are strongly consistent.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {

	private static final byte KIND_PLAINTEXT = 1;

	private final DynamoDbClient client;

	private final String tableName;

	private final TableCalls calls;

	// Asked for only when someone listens: computing it costs the server (dynalite) time.
	private final ReturnConsumedCapacity returnCapacity;

	/**
	 * Creates a store on the given table. Makes no call to DynamoDB.
	 * @param client the DynamoDB client
	 * @param tableName the snapshots table, such as {@code eventhorizon_snapshots}
	 */
	public DynamoDbSnapshotStore(DynamoDbClient client, String tableName) {
		this(client, tableName, DynamoDbListener.NONE);
	}

	/**
	 * Creates a store on the given table. Makes no call to DynamoDB.
	 * @param client the DynamoDB client
	 * @param tableName the snapshots table, such as {@code eventhorizon_snapshots}
	 * @param listener told of consumed capacity and throttling
	 */
	public DynamoDbSnapshotStore(DynamoDbClient client, String tableName, DynamoDbListener listener) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		this.tableName = new DynamoDbTableNames(DynamoDbTableNames.DEFAULT_EVENTS, tableName).snapshots();
		this.calls = new TableCalls(this.tableName, Objects.requireNonNull(listener, "listener must not be null"));
		this.returnCapacity = (listener == DynamoDbListener.NONE) ? ReturnConsumedCapacity.NONE
				: ReturnConsumedCapacity.TOTAL;
	}

	/**
	 * Returns the name of the snapshots table.
	 * @return the table name
	 */
	public String tableName() {
		return this.tableName;
	}

	@Override
	public Optional<Snapshot> read(StreamName stream, SnapshotPerspective perspective) {
		Map<String, AttributeValue> item = this.calls.call("GetItem",
				() -> this.client.getItem((get) -> get.tableName(this.tableName)
					.returnConsumedCapacity(this.returnCapacity)
					.key(key(stream, perspective))
					.consistentRead(true)),
				GetItemResponse::consumedCapacity)
			.item();
		if (item == null || item.isEmpty()) {
			return Optional.empty();
		}
		long version = Long.parseLong(item.get(TableLayout.VERSION).n());
		byte[] stored = item.get(TableLayout.DATA).b().asByteArrayUnsafe();
		if (stored.length == 0 || stored[0] != KIND_PLAINTEXT) {
			throw new IllegalStateException("Snapshot " + perspective + " of " + stream.at(version) + " is of kind "
					+ ((stored.length == 0) ? "<none>" : Integer.toString(stored[0] & 0xFF))
					+ ", which this version cannot read (only 1, plaintext)");
		}
		return Optional.of(Snapshot.of(stream.at(version), perspective, Arrays.copyOfRange(stored, 1, stored.length)));
	}

	@Override
	public boolean write(Snapshot snapshot) {
		Objects.requireNonNull(snapshot, "snapshot must not be null");
		ItemSizeLimit.checkSnapshot(snapshot);
		byte[] data = snapshot.data();
		byte[] stored = new byte[data.length + 1];
		stored[0] = KIND_PLAINTEXT;
		System.arraycopy(data, 0, stored, 1, data.length);
		Map<String, AttributeValue> item = new HashMap<>(key(snapshot.cursor().stream(), snapshot.perspective()));
		item.put(TableLayout.VERSION, AttributeValue.fromN(Long.toString(snapshot.cursor().version())));
		item.put(TableLayout.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(stored)));
		try {
			this.calls.call("PutItem", () -> this.client.putItem((put) -> put.tableName(this.tableName)
				.returnConsumedCapacity(this.returnCapacity)
				.item(item)
				.conditionExpression("attribute_not_exists(#v) OR #v < :v")
				.expressionAttributeNames(Map.of("#v", TableLayout.VERSION))
				.expressionAttributeValues(
						Map.of(":v", AttributeValue.fromN(Long.toString(snapshot.cursor().version()))))),
					PutItemResponse::consumedCapacity);
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			// A snapshot at the same or a later cursor is stored: keep it.
			return false;
		}
	}

	@Override
	public boolean delete(StreamName stream, SnapshotPerspective perspective) {
		Map<String, AttributeValue> old = this.calls
			.call("DeleteItem", () -> this.client.deleteItem((delete) -> delete.tableName(this.tableName)
				.returnConsumedCapacity(this.returnCapacity)
				.key(key(stream, perspective))
				.returnValues(ReturnValue.ALL_OLD)), DeleteItemResponse::consumedCapacity)
			.attributes();
		return old != null && !old.isEmpty();
	}

	private static Map<String, AttributeValue> key(StreamName stream, SnapshotPerspective perspective) {
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(perspective, "perspective must not be null");
		return Map.of(TableLayout.STREAM, AttributeValue.fromS(stream.toString()), TableLayout.PERSPECTIVE,
				AttributeValue.fromS(perspective.toString()));
	}

}
