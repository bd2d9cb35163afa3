package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The stored content of one entry: a {@link LogDataKind} and the payload bytes. Stored
 * as one binary attribute, the kind byte followed by the payload.
 * <p>
 * Instances are immutable (the bytes are copied in and out) and thread-safe.
 *
 * @since 0.1.0
 */
public final class LogData {

	private final LogDataKind kind;

	private final byte[] payload;

	private LogData(LogDataKind kind, byte[] payload) {
		this.kind = kind;
		this.payload = payload;
	}

	/**
	 * Returns log data of the given kind.
	 * @param kind the kind
	 * @param payload the payload bytes, not empty
	 * @return the log data
	 * @throws EmptyCommitException if the payload is empty
	 */
	public static LogData of(LogDataKind kind, byte[] payload) {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(payload, "payload must not be null");
		if (payload.length == 0) {
			throw new EmptyCommitException();
		}
		return new LogData(kind, payload.clone());
	}

	/**
	 * Returns plaintext log data of the given kind from event lines, joined by {@code \n}.
	 * @param kind the kind, {@link LogDataKind#META} or {@link LogDataKind#DATA}
	 * @param lines the lines, at least one, none containing {@code \n}
	 * @return the log data
	 * @throws EmptyCommitException if there are no lines
	 */
	public static LogData ofLines(LogDataKind kind, List<String> lines) {
		Objects.requireNonNull(lines, "lines must not be null");
		if (lines.isEmpty()) {
			throw new EmptyCommitException();
		}
		for (String line : lines) {
			if (line.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("An event line must not contain '\\n': " + line);
			}
		}
		return of(kind, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Parses the stored form: the kind byte followed by the payload.
	 * @param stored the stored bytes
	 * @return the log data
	 * @throws IllegalArgumentException if there is no payload after the kind byte
	 */
	public static LogData fromStored(byte[] stored) {
		Objects.requireNonNull(stored, "stored must not be null");
		if (stored.length < 2) {
			throw new IllegalArgumentException("Stored log data has " + stored.length
					+ " bytes; it needs a kind byte and a payload");
		}
		return new LogData(new LogDataKind(stored[0] & 0xFF), Arrays.copyOfRange(stored, 1, stored.length));
	}

	/**
	 * Returns the stored form: the kind byte followed by the payload.
	 * @return a new array with the stored bytes
	 */
	public byte[] toStored() {
		byte[] stored = new byte[this.payload.length + 1];
		stored[0] = (byte) this.kind.code();
		System.arraycopy(this.payload, 0, stored, 1, this.payload.length);
		return stored;
	}

	/**
	 * Returns the kind.
	 * @return the kind
	 */
	public LogDataKind kind() {
		return this.kind;
	}

	/**
	 * Returns a copy of the payload.
	 * @return the payload bytes
	 */
	public byte[] payload() {
		return this.payload.clone();
	}

	/**
	 * Returns the length of the stored form in bytes (kind byte plus payload).
	 * @return the stored size
	 */
	public int storedSize() {
		return this.payload.length + 1;
	}

	/**
	 * Returns the payload as UTF-8 text, for the plaintext kinds.
	 * @return the payload text
	 */
	public String payloadText() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof LogData that && this.kind.equals(that.kind)
				&& Arrays.equals(this.payload, that.payload));
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "LogData[kind=" + this.kind.code() + ", " + this.payload.length + " bytes]";
	}

}
