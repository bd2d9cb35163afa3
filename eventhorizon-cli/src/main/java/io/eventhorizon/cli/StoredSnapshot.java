package io.eventhorizon.cli;

import java.nio.ByteBuffer;
import java.util.Map;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the snapshot item of one perspective says, read without its chunks: the cursor,
 * the kind byte, the size of the data and, for a snapshot split across chunk items, their
 * count (from its manifest: kind {@code 3}, then kind {@code 1}, a 16-byte set id, the
 * chunk count as int32 and the size as int64, big-endian; see the core's
 * {@code SnapshotManifest}).
 *
 * @param perspective the perspective as stored, {@code appId:version}
 * @param cursor the cursor the snapshot was taken at
 * @param kind the kind byte: 1 plaintext, 3 chunked, others unknown to this version
 * @param size the size of the data in bytes
 * @param chunks the number of chunk items, 0 when the data is in the item itself
 */
record StoredSnapshot(String perspective, Cursor cursor, int kind, long size, int chunks) {

	private static final byte KIND_PLAINTEXT = 1;

	private static final byte KIND_CHUNKED = 3;

	private static final int MANIFEST_CHUNK_COUNT_OFFSET = 2 + 16;

	/**
	 * Reads the snapshot item of a stream.
	 * @param stream the stream, the item's partition key
	 * @param item the item, with its sort key {@code c}, {@code v} and {@code d}
	 * @return what it says
	 */
	static StoredSnapshot of(StreamName stream, Map<String, AttributeValue> item) {
		Cursor cursor = stream.at(Long.parseLong(item.get("v").n()));
		AttributeValue data = item.get("d");
		byte[] stored = (data != null && data.b() != null) ? data.b().asByteArrayUnsafe() : new byte[0];
		int kind = (stored.length == 0) ? 0 : stored[0] & 0xFF;
		String perspective = item.get("c").s();
		if (kind == KIND_CHUNKED && stored.length >= MANIFEST_CHUNK_COUNT_OFFSET + Integer.BYTES + Long.BYTES) {
			ByteBuffer manifest = ByteBuffer.wrap(stored, MANIFEST_CHUNK_COUNT_OFFSET, Integer.BYTES + Long.BYTES);
			int chunks = manifest.getInt();
			return new StoredSnapshot(perspective, cursor, kind, manifest.getLong(), chunks);
		}
		long size = (kind == KIND_PLAINTEXT) ? stored.length - 1 : stored.length;
		return new StoredSnapshot(perspective, cursor, kind, size, 0);
	}

	/**
	 * Describes how the data is stored, for people.
	 * @return {@code plain}, {@code N chunks} or {@code kind N (unknown)}
	 */
	String storage() {
		if (this.kind == KIND_PLAINTEXT) {
			return "plain";
		}
		if (this.kind == KIND_CHUNKED) {
			return this.chunks + " chunks";
		}
		return "kind " + this.kind + " (unknown)";
	}

}
