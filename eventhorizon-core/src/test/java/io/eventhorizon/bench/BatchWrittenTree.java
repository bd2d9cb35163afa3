package io.eventhorizon.bench;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.MetaEvents;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A tree of streams written straight into the events table with {@code BatchWriteItem},
 * 25 items a call, in the library's exact format: each child's finished {@code @0}, its
 * entries, and the parent's {@code $stream.ChildStreamCreated} announcements, every item
 * with its commit id ({@code i}) and its change-feed record ({@code f}, {@code ft}). Writing
 * a large tree one {@code createStream} and {@code appendAfter} at a time takes minutes on
 * dynalite; the benchmarks measure reading, not this.
 * <p>
 * Not thread-safe.
 */
final class BatchWrittenTree {

	private static final SecureRandom COMMIT_IDS = new SecureRandom();

	private final DynamoDbClient client;

	private final String table;

	private final long writtenAtMillis;

	private final List<WriteRequest> batch = new ArrayList<>();

	/**
	 * Prepares to write into an event log's table.
	 * @param client the client
	 * @param log the event log whose table is written
	 * @param writtenAt the writers' clock stored in every feed record ({@code ft}); put it
	 * before any reader's overlap and backtrack window to stand for data written long ago
	 */
	BatchWrittenTree(DynamoDbClient client, DynamoDbEventLog log, Instant writtenAt) {
		this.client = client;
		this.table = log.tableName();
		this.writtenAtMillis = writtenAt.toEpochMilli();
	}

	/**
	 * Writes {@code streams} children of {@code parent}, each announced in the parent after
	 * the parent's {@code @0}, each of {@code entries} entries: its {@code @0} and then
	 * {@code data} at every later version.
	 * @param parent an existing stream below the root with no entry after its {@code @0}
	 * @param streams how many children
	 * @param entries entries per child, {@code @0} included, at least 1
	 * @param data the data of every entry after {@code @0}
	 * @return the children, in the order they are announced
	 */
	List<StreamName> write(StreamName parent, int streams, int entries, LogData data) {
		Instant createdAt = Instant.ofEpochMilli(this.writtenAtMillis);
		byte[] started = MetaEvents.streamStarted(createdAt).toStored();
		byte[] stored = data.toStored();
		List<StreamName> children = new ArrayList<>(streams);
		for (int index = 1; index <= streams; index++) {
			StreamName child = parent.child(String.format("s-%06d", index));
			children.add(child);
			put(parent, index, MetaEvents.childStreamCreated(child, createdAt).toStored());
			put(child, 0, started);
			for (int version = 1; version < entries; version++) {
				put(child, version, stored);
			}
		}
		flush();
		return children;
	}

	private void put(StreamName stream, long version, byte[] stored) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("s", AttributeValue.fromS(stream.toString()));
		item.put("v", AttributeValue.fromN(Long.toString(version)));
		item.put("d", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(stored)));
		item.put("i", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(newCommitId())));
		item.put("f", AttributeValue.fromS(ChangeFeed.topLevelOf(stream) + "#" + ChangeFeed.partitionOf(stream)));
		item.put("ft", AttributeValue.fromN(Long.toString(this.writtenAtMillis)));
		this.batch.add(WriteRequest.builder().putRequest((put) -> put.item(item)).build());
		if (this.batch.size() == 25) {
			flush();
		}
	}

	private void flush() {
		Map<String, List<WriteRequest>> unprocessed = this.batch.isEmpty() ? Map.of()
				: Map.of(this.table, List.copyOf(this.batch));
		while (!unprocessed.isEmpty()) {
			Map<String, List<WriteRequest>> requests = unprocessed;
			unprocessed = this.client.batchWriteItem((write) -> write.requestItems(requests)).unprocessedItems();
		}
		this.batch.clear();
	}

	private static byte[] newCommitId() {
		byte[] commitId = new byte[16];
		COMMIT_IDS.nextBytes(commitId);
		return commitId;
	}

}
