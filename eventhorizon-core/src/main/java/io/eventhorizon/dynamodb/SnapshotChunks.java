package io.eventhorizon.dynamodb;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The chunk items of snapshots split across items, in the snapshots table: partition key
 * {@code s} = {@code $chunks} + the stream (no stream name starts with {@code $}, so the
 * Go project's queries of a stream's snapshots never see them), sort key {@code c} =
 * {@code <perspective>@<version>/<set id>#<n>} ({@code n} from {@code 00000}), {@code v}
 * (the snapshot's version) and {@code d} (the chunk's bytes).
 * <p>
 * Thread-safe.
 */
final class SnapshotChunks {

	static final String PARTITION_PREFIX = "$chunks";

	/**
	 * The data in one chunk item: with the keys (at most 1 024 bytes of stream name and
	 * about 260 of sort key) and the attribute names, an item stays well under 400 KB.
	 */
	static final int CHUNK_BYTES = 300 * 1024;

	private final DynamoDbClient client;

	private final String tableName;

	private final TableCalls calls;

	private final ReturnConsumedCapacity returnCapacity;

	SnapshotChunks(DynamoDbClient client, String tableName, TableCalls calls, ReturnConsumedCapacity returnCapacity) {
		this.client = client;
		this.tableName = tableName;
		this.calls = calls;
		this.returnCapacity = returnCapacity;
	}

	/** Puts every chunk of {@code data}; nothing refers to them until the manifest is put. */
	void write(StreamName stream, SnapshotPerspective perspective, long version, SnapshotManifest manifest,
			byte[] data) {
		for (int n = 0; n < manifest.chunkCount(); n++) {
			byte[] chunk = Arrays.copyOfRange(data, n * CHUNK_BYTES, Math.min(data.length, (n + 1) * CHUNK_BYTES));
			Map<String, AttributeValue> item = new HashMap<>(key(stream, chunkKey(perspective, version, manifest.setId(), n)));
			item.put(TableLayout.VERSION, AttributeValue.fromN(Long.toString(version)));
			item.put(TableLayout.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(chunk)));
			this.calls.call("PutItem", () -> this.client.putItem((put) -> put.tableName(this.tableName)
				.returnConsumedCapacity(this.returnCapacity)
				.item(item)), PutItemResponse::consumedCapacity);
		}
	}

	/**
	 * Reads the chunks a manifest names, strongly consistent.
	 * @return the whole data, or empty when a chunk is missing or does not match the
	 * manifest (a newer write deleted the set meanwhile)
	 */
	Optional<byte[]> read(StreamName stream, SnapshotPerspective perspective, long version,
			SnapshotManifest manifest) {
		String setPrefix = setPrefix(perspective, version, manifest.setId());
		byte[][] chunks = new byte[manifest.chunkCount()][];
		for (Map<String, AttributeValue> item : query(stream, setPrefix, true)) {
			int n = Integer.parseInt(item.get(TableLayout.PERSPECTIVE).s().substring(setPrefix.length()));
			if (n < 0 || n >= chunks.length || chunks[n] != null) {
				return Optional.empty();
			}
			chunks[n] = item.get(TableLayout.DATA).b().asByteArrayUnsafe();
		}
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		for (byte[] chunk : chunks) {
			if (chunk == null) {
				return Optional.empty();
			}
			data.writeBytes(chunk);
		}
		byte[] whole = data.toByteArray();
		return manifest.isWhole(whole) ? Optional.of(whole) : Optional.empty();
	}

	/** Deletes the chunks of one set, such as those of a write that lost to a newer one. */
	void deleteSet(StreamName stream, SnapshotPerspective perspective, long version, SnapshotManifest manifest) {
		for (int n = 0; n < manifest.chunkCount(); n++) {
			delete(stream, chunkKey(perspective, version, manifest.setId(), n));
		}
	}

	/**
	 * Deletes the chunks of every set at or before {@code version} but {@code keepSetId}'s:
	 * those of the snapshot just replaced, of writes that lost a race or crashed. Sets
	 * after {@code version} may belong to a newer write in progress and are left alone.
	 */
	void deleteSetsUpTo(StreamName stream, SnapshotPerspective perspective, long version,
			@Nullable String keepSetId) {
		for (Map<String, AttributeValue> item : query(stream, perspective + "@", false)) {
			String chunkKey = item.get(TableLayout.PERSPECTIVE).s();
			boolean kept = keepSetId != null && chunkKey.startsWith(setPrefix(perspective, version, keepSetId));
			if (!kept && Long.parseLong(item.get(TableLayout.VERSION).n()) <= version) {
				delete(stream, chunkKey);
			}
		}
	}

	private List<Map<String, AttributeValue>> query(StreamName stream, String sortKeyPrefix, boolean withData) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> exclusiveStartKey = startKey;
			QueryResponse page = this.calls.call("Query", () -> this.client.query((query) -> {
				query.tableName(this.tableName)
					.returnConsumedCapacity(this.returnCapacity)
					.consistentRead(true)
					.keyConditionExpression("#s = :s AND begins_with(#c, :prefix)")
					.expressionAttributeNames(withData
							? Map.of("#s", TableLayout.STREAM, "#c", TableLayout.PERSPECTIVE)
							: Map.of("#s", TableLayout.STREAM, "#c", TableLayout.PERSPECTIVE, "#v",
									TableLayout.VERSION))
					.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(chunkPartition(stream)), ":prefix",
							AttributeValue.fromS(sortKeyPrefix)))
					.exclusiveStartKey(exclusiveStartKey);
				if (!withData) {
					// Deleting needs the keys and versions only, not megabytes of data.
					query.projectionExpression("#c, #v");
				}
			}), QueryResponse::consumedCapacity);
			items.addAll(page.items());
			startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		return items;
	}

	private void delete(StreamName stream, String chunkKey) {
		this.calls.call("DeleteItem", () -> this.client.deleteItem((delete) -> delete.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.key(key(stream, chunkKey))), DeleteItemResponse::consumedCapacity);
	}

	static String chunkPartition(StreamName stream) {
		return PARTITION_PREFIX + stream;
	}

	static String chunkKey(SnapshotPerspective perspective, long version, String setId, int n) {
		return setPrefix(perspective, version, setId) + String.format("%05d", n);
	}

	private static String setPrefix(SnapshotPerspective perspective, long version, String setId) {
		return perspective + "@" + version + "/" + setId + "#";
	}

	private static Map<String, AttributeValue> key(StreamName stream, String chunkKey) {
		return Map.of(TableLayout.STREAM, AttributeValue.fromS(chunkPartition(stream)), TableLayout.PERSPECTIVE,
				AttributeValue.fromS(chunkKey));
	}

}
