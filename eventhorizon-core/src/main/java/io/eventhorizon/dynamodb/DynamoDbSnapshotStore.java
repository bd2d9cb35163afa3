package io.eventhorizon.dynamodb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.eventhorizon.core.ItemSizeLimit;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotSizeLimit;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * A snapshot whose item would exceed 400 KB is split: its chunks are put first (see
 * {@code SnapshotChunks}, under a partition key no stream has and a random set id per
 * write), then the snapshot item, with the same condition, holds a manifest (kind byte
 * {@code 3}, the set id, the chunk count, the size and the SHA-256 of the data). A read
 * returns a split snapshot only when its chunks match the manifest, so a half-written or
 * half-deleted one is never returned; it reads the manifest once more when a newer write
 * deleted the chunks meanwhile, and otherwise returns empty (the Reader then reads from the
 * beginning). Chunks of replaced snapshots, of lost races and of crashed writes are deleted
 * by later writes; until then they cost storage only. A delete takes the deleted snapshot's
 * own chunks only, so that a snapshot written meanwhile, at any version, keeps its chunks.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbSnapshotStore.class);

	private final DynamoDbClient client;

	private final String tableName;

	private final TableCalls calls;

	private final SnapshotChunks chunks;

	private final SnapshotSizeLimit sizeLimit;

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
		this(client, tableName, listener, SnapshotSizeLimit.DEFAULT);
	}

	/**
	 * Creates a store on the given table. Makes no call to DynamoDB.
	 * @param client the DynamoDB client
	 * @param tableName the snapshots table, such as {@code eventhorizon_snapshots}
	 * @param listener told of consumed capacity and throttling
	 * @param sizeLimit the largest snapshot it accepts
	 */
	public DynamoDbSnapshotStore(DynamoDbClient client, String tableName, DynamoDbListener listener,
			SnapshotSizeLimit sizeLimit) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		this.tableName = new DynamoDbTableNames(DynamoDbTableNames.DEFAULT_EVENTS, tableName).snapshots();
		this.calls = new TableCalls(this.tableName, Objects.requireNonNull(listener, "listener must not be null"));
		this.returnCapacity = listener.wantsConsumedCapacity() ? ReturnConsumedCapacity.TOTAL
				: ReturnConsumedCapacity.NONE;
		this.chunks = new SnapshotChunks(this.client, this.tableName, this.calls, this.returnCapacity);
		this.sizeLimit = Objects.requireNonNull(sizeLimit, "sizeLimit must not be null");
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
		// A newer write may delete the chunks between our reads of the manifest and of the
		// chunks: then its manifest is in, so one more look finds it.
		for (int look = 0; look < 2; look++) {
			Map<String, AttributeValue> item = getItem(stream, perspective);
			if (item == null || item.isEmpty()) {
				return Optional.empty();
			}
			long version = Long.parseLong(item.get(TableLayout.VERSION).n());
			byte[] stored = item.get(TableLayout.DATA).b().asByteArrayUnsafe();
			byte kind = (stored.length == 0) ? 0 : stored[0];
			if (kind == SnapshotManifest.KIND_PLAINTEXT) {
				return Optional
					.of(Snapshot.of(stream.at(version), perspective, Arrays.copyOfRange(stored, 1, stored.length)));
			}
			if (kind != SnapshotManifest.KIND_CHUNKED) {
				throw new IllegalStateException("Snapshot " + perspective + " of " + stream.at(version) + " is of kind "
						+ ((stored.length == 0) ? "<none>" : Integer.toString(kind & 0xFF))
						+ ", which this version cannot read (only 1, plaintext, and 3, chunked)");
			}
			SnapshotManifest manifest = SnapshotManifest.decode(stored, perspective + " of " + stream.at(version));
			Optional<byte[]> data = this.chunks.read(stream, perspective, version, manifest);
			if (data.isPresent()) {
				return Optional.of(Snapshot.of(stream.at(version), perspective, data.get()));
			}
		}
		// Outrun twice: reading from the beginning is slower but never wrong.
		return Optional.empty();
	}

	@Override
	public boolean write(Snapshot snapshot) {
		Objects.requireNonNull(snapshot, "snapshot must not be null");
		this.sizeLimit.check(snapshot);
		StreamName stream = snapshot.cursor().stream();
		long version = snapshot.cursor().version();
		byte[] data = snapshot.data();
		if (ItemSizeLimit.snapshotFitsOneItem(snapshot)) {
			byte[] stored = new byte[data.length + 1];
			stored[0] = SnapshotManifest.KIND_PLAINTEXT;
			System.arraycopy(data, 0, stored, 1, data.length);
			Optional<Map<String, AttributeValue>> replaced = putSnapshotItem(snapshot, stored);
			if (replaced.isPresent() && isChunked(replaced.get())) {
				deleteReplacedChunks(snapshot, null);
			}
			return replaced.isPresent();
		}
		SnapshotManifest manifest = SnapshotManifest.describe(data, SnapshotChunks.CHUNK_BYTES);
		this.chunks.write(stream, snapshot.perspective(), version, manifest, data);
		if (putSnapshotItem(snapshot, manifest.encode()).isEmpty()) {
			deleteChunksBestEffort(snapshot,
					() -> this.chunks.deleteSet(stream, snapshot.perspective(), version, manifest));
			return false;
		}
		deleteReplacedChunks(snapshot, manifest.setId());
		return true;
	}

	/**
	 * Puts the snapshot item unless one at the same or a later version is stored.
	 * @return the item it replaced (an empty map when there was none), or empty when a
	 * newer one is kept
	 */
	private Optional<Map<String, AttributeValue>> putSnapshotItem(Snapshot snapshot, byte[] stored) {
		Map<String, AttributeValue> item = new HashMap<>(key(snapshot.cursor().stream(), snapshot.perspective()));
		item.put(TableLayout.VERSION, AttributeValue.fromN(Long.toString(snapshot.cursor().version())));
		item.put(TableLayout.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(stored)));
		try {
			Map<String, AttributeValue> replaced = this.calls
				.call("PutItem", () -> this.client.putItem((put) -> put.tableName(this.tableName)
					.returnConsumedCapacity(this.returnCapacity)
					.item(item)
					.conditionExpression("attribute_not_exists(#v) OR #v < :v")
					.expressionAttributeNames(Map.of("#v", TableLayout.VERSION))
					.expressionAttributeValues(
							Map.of(":v", AttributeValue.fromN(Long.toString(snapshot.cursor().version()))))
					// The replaced item tells whether it had chunks to delete; no extra capacity.
					.returnValues(ReturnValue.ALL_OLD)), PutItemResponse::consumedCapacity)
				.attributes();
			return Optional.of((replaced != null) ? replaced : Map.of());
		}
		catch (ConditionalCheckFailedException ex) {
			// A snapshot at the same or a later cursor is stored: keep it.
			return Optional.empty();
		}
	}

	private void deleteReplacedChunks(Snapshot stored, @Nullable String keepSetId) {
		deleteChunksBestEffort(stored, () -> this.chunks.deleteSetsUpTo(stored.cursor().stream(), stored.perspective(),
				stored.cursor().version(), keepSetId));
	}

	private static void deleteChunksBestEffort(Snapshot written, Runnable deletion) {
		try {
			deletion.run();
		}
		catch (RuntimeException ex) {
			// The write's outcome stands; chunks left over are never read, and the next
			// write of a split snapshot deletes them.
			logger.debug("Could not delete chunks after writing snapshot {} of {}", written.perspective(),
					written.cursor(), ex);
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
		if (old == null || old.isEmpty()) {
			return false;
		}
		if (isChunked(old)) {
			// Only the deleted snapshot's own set: once its item is gone, a writer at any version
			// may be putting a set and a manifest of its own, which a deletion by version would
			// leave without chunks. Sets of lost races and crashed writes go with later writes.
			long version = Long.parseLong(old.get(TableLayout.VERSION).n());
			SnapshotManifest manifest = SnapshotManifest.decode(old.get(TableLayout.DATA).b().asByteArrayUnsafe(),
					perspective + " of " + stream.at(version));
			this.chunks.deleteSet(stream, perspective, version, manifest);
		}
		return true;
	}

	private Map<String, AttributeValue> getItem(StreamName stream, SnapshotPerspective perspective) {
		return this.calls.call("GetItem",
				() -> this.client.getItem((get) -> get.tableName(this.tableName)
					.returnConsumedCapacity(this.returnCapacity)
					.key(key(stream, perspective))
					.consistentRead(true)),
				GetItemResponse::consumedCapacity)
			.item();
	}

	private static boolean isChunked(Map<String, AttributeValue> item) {
		AttributeValue data = item.get(TableLayout.DATA);
		return data != null && data.b() != null && data.b().asByteArrayUnsafe().length > 0
				&& data.b().asByteArrayUnsafe()[0] == SnapshotManifest.KIND_CHUNKED;
	}

	private static Map<String, AttributeValue> key(StreamName stream, SnapshotPerspective perspective) {
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(perspective, "perspective must not be null");
		return Map.of(TableLayout.STREAM, AttributeValue.fromS(stream.toString()), TableLayout.PERSPECTIVE,
				AttributeValue.fromS(perspective.toString()));
	}

}
