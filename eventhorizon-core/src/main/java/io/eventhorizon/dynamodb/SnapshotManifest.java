package io.eventhorizon.dynamodb;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What the snapshot item holds for a snapshot split across chunk items: which chunk set,
 * how many chunks, the size and SHA-256 of the whole data. Stored in {@code d} as
 * {@code [3 chunked][1 plaintext][set id: 16][chunk count: int32][size: int64][SHA-256: 32]},
 * big-endian, 62 bytes. The kind byte {@code 3} is unknown to the Go project, whose Reader
 * logs it as a load error and reads from the beginning.
 * <p>
 * Immutable and thread-safe.
 */
final class SnapshotManifest {

	/** Kind byte of a snapshot item that holds the data itself, as in the Go project. */
	static final byte KIND_PLAINTEXT = 1;

	/** Kind byte of a snapshot item that holds a manifest of chunk items. */
	static final byte KIND_CHUNKED = 3;

	static final int SET_ID_BYTES = 16;

	private static final int SHA256_BYTES = 32;

	static final int ENCODED_BYTES = 2 + SET_ID_BYTES + Integer.BYTES + Long.BYTES + SHA256_BYTES;

	private static final SecureRandom SET_IDS = new SecureRandom();

	private final String setId;

	private final int chunkCount;

	private final long size;

	private final byte[] sha256;

	private SnapshotManifest(String setId, int chunkCount, long size, byte[] sha256) {
		this.setId = setId;
		this.chunkCount = chunkCount;
		this.size = size;
		this.sha256 = sha256;
	}

	/**
	 * Describes {@code data} split into chunks of {@code chunkBytes}, under a new random set
	 * id, so that no two writes ever share chunk items.
	 */
	static SnapshotManifest describe(byte[] data, int chunkBytes) {
		byte[] setId = new byte[SET_ID_BYTES];
		SET_IDS.nextBytes(setId);
		int chunkCount = (data.length + chunkBytes - 1) / chunkBytes;
		return new SnapshotManifest(HexFormat.of().formatHex(setId), chunkCount, data.length, sha256(data));
	}

	/**
	 * Reads a manifest from a snapshot item's {@code d}, whose kind byte is
	 * {@link #KIND_CHUNKED}.
	 * @throws IllegalStateException if it is not a manifest this version can read
	 */
	static SnapshotManifest decode(byte[] stored, String where) {
		if (stored.length != ENCODED_BYTES || stored[1] != KIND_PLAINTEXT) {
			throw new IllegalStateException("Snapshot " + where + " is chunked with a manifest of " + stored.length
					+ " bytes and data kind " + ((stored.length > 1) ? Integer.toString(stored[1] & 0xFF) : "<none>")
					+ ", which this version cannot read (only " + ENCODED_BYTES + " bytes, data kind 1)");
		}
		ByteBuffer buffer = ByteBuffer.wrap(stored, 2, stored.length - 2);
		byte[] setId = new byte[SET_ID_BYTES];
		buffer.get(setId);
		int chunkCount = buffer.getInt();
		long size = buffer.getLong();
		byte[] sha256 = new byte[SHA256_BYTES];
		buffer.get(sha256);
		return new SnapshotManifest(HexFormat.of().formatHex(setId), chunkCount, size, sha256);
	}

	byte[] encode() {
		return ByteBuffer.allocate(ENCODED_BYTES)
			.put(KIND_CHUNKED)
			.put(KIND_PLAINTEXT)
			.put(HexFormat.of().parseHex(this.setId))
			.putInt(this.chunkCount)
			.putLong(this.size)
			.put(this.sha256)
			.array();
	}

	/** The set id in hex, as it appears in the chunks' sort keys. */
	String setId() {
		return this.setId;
	}

	int chunkCount() {
		return this.chunkCount;
	}

	/**
	 * Returns whether {@code data} is the whole data this manifest describes: a chunk
	 * missing, left over or from another set shows here.
	 */
	boolean isWhole(byte[] data) {
		return data.length == this.size && MessageDigest.isEqual(sha256(data), this.sha256);
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
