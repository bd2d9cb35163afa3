package io.eventhorizon.core;

/**
 * The first byte of every stored entry: what the rest of the bytes are. Readers skip
 * entries of a kind they do not know, but still advance past them.
 *
 * Immutable and thread-safe.
 *
 * @param code the byte value, 0 to 255
 * @since 0.1.0
 */
public record LogDataKind(int code) {

	/** Plaintext meta-event lines, such as {@code $stream.Started}. */
	public static final LogDataKind META = new LogDataKind(1);

	/** Encrypted event lines in the Go project's format (reserved: not written yet). */
	public static final LogDataKind ENCRYPTED_DATA = new LogDataKind(2);

	/**
	 * Plaintext event lines. A payload that starts with <code>&#123;</code> is plain lines; any other
	 * first byte is reserved for a compression header.
	 */
	public static final LogDataKind DATA = new LogDataKind(3);

	public LogDataKind {
		if (code < 0 || code > 255) {
			throw new IllegalArgumentException("Log data kind must be a byte (0 to 255), was " + code);
		}
	}

	/**
	 * Whether this library knows how to read entries of this kind.
	 * @return whether this is {@link #META} or {@link #DATA}
	 */
	public boolean isPlaintext() {
		// Compares codes, not records: readers ask this for every entry.
		return this.code == META.code || this.code == DATA.code;
	}

}
