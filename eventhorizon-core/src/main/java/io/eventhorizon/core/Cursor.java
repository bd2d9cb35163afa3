package io.eventhorizon.core;

import java.util.Objects;

/**
 * A position in one stream: the version of an entry. Versions are contiguous from
 * {@code 0}, and {@code @0} of every stream is {@code $stream.Started}. The version
 * {@code -1} is the beginning: reads are exclusive, so reading after {@code /bank@-1}
 * yields the whole stream.
 * <p>
 * The text form is {@code /stream@version}, for example {@code /bank@41}. Cursors are
 * ordered only within one stream. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Cursor {

	/** The version of {@link StreamName#beginning()}. */
	public static final long BEGINNING_VERSION = -1;

	private final StreamName stream;

	private final long version;

	private Cursor(StreamName stream, long version) {
		this.stream = stream;
		this.version = version;
	}

	/**
	 * Returns the cursor at {@code version} of {@code stream}.
	 * @param stream the stream
	 * @param version the version, at least {@code -1}
	 * @return the cursor
	 * @throws InvalidCursorException if the version is below {@code -1}
	 */
	public static Cursor of(StreamName stream, long version) {
		Objects.requireNonNull(stream, "stream must not be null");
		if (version < BEGINNING_VERSION) {
			throw new InvalidCursorException(stream + "@" + version, "version must be -1 (the beginning) or more");
		}
		return new Cursor(stream, version);
	}

	/**
	 * Parses the text form {@code /stream@version}.
	 * @param text the text, such as {@code /bank@41} or {@code /bank@-1}
	 * @return the cursor
	 * @throws InvalidCursorException if the text is not a valid cursor
	 */
	public static Cursor parse(String text) {
		Objects.requireNonNull(text, "text must not be null");
		int at = text.indexOf('@');
		if (at < 0) {
			throw new InvalidCursorException(text, "expected '/stream@version'");
		}
		if (text.indexOf('@', at + 1) >= 0) {
			throw new InvalidCursorException(text, "more than one '@'");
		}
		StreamName stream;
		try {
			stream = StreamName.of(text.substring(0, at));
		}
		catch (InvalidStreamNameException ex) {
			throw new InvalidCursorException(text, ex.getMessage(), ex);
		}
		return of(stream, parseVersion(text, text.substring(at + 1)));
	}

	private static long parseVersion(String text, String version) {
		// Only the canonical decimal form: "-1", "0", "41"; never "+1", "007" or " 1".
		boolean canonical = version.equals("-1") || version.equals("0")
				|| (version.length() > 0 && version.charAt(0) >= '1' && version.charAt(0) <= '9'
						&& version.chars().allMatch((c) -> c >= '0' && c <= '9'));
		if (!canonical) {
			throw new InvalidCursorException(text, "version " + Printable.quote(version) + " is not a whole number >= -1");
		}
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			throw new InvalidCursorException(text, "version " + version + " is out of range", ex);
		}
	}

	/**
	 * Returns the stream this cursor points into.
	 * @return the stream
	 */
	public StreamName stream() {
		return this.stream;
	}

	/**
	 * Returns the version: {@code -1} for the beginning, else the entry's version.
	 * @return the version
	 */
	public long version() {
		return this.version;
	}

	/**
	 * Returns the cursor of the following entry.
	 * @return the cursor at {@code version + 1}
	 */
	public Cursor next() {
		return new Cursor(this.stream, Math.addExact(this.version, 1));
	}

	/**
	 * Whether this is the beginning of the stream ({@code @-1}).
	 * @return whether the version is {@code -1}
	 */
	public boolean isBeginning() {
		return this.version == BEGINNING_VERSION;
	}

	/**
	 * Whether this cursor comes before {@code other} in the same stream.
	 * @param other a cursor of the same stream
	 * @return whether this version is lower
	 * @throws IllegalArgumentException if the cursors point into different streams
	 */
	public boolean isBefore(Cursor other) {
		requireSameStream(other);
		return this.version < other.version;
	}

	/**
	 * Whether this cursor comes after {@code other} in the same stream.
	 * @param other a cursor of the same stream
	 * @return whether this version is higher
	 * @throws IllegalArgumentException if the cursors point into different streams
	 */
	public boolean isAfter(Cursor other) {
		requireSameStream(other);
		return this.version > other.version;
	}

	private void requireSameStream(Cursor other) {
		Objects.requireNonNull(other, "other must not be null");
		if (!this.stream.equals(other.stream)) {
			throw new IllegalArgumentException("Cannot compare cursors of unrelated streams: " + this + " and " + other);
		}
	}

	@Override
	public boolean equals(Object other) {
		return (this == other)
				|| (other instanceof Cursor that && this.version == that.version && this.stream.equals(that.stream));
	}

	@Override
	public int hashCode() {
		return 31 * this.stream.hashCode() + Long.hashCode(this.version);
	}

	/**
	 * Returns the text form, such as {@code /bank@41}.
	 */
	@Override
	public String toString() {
		return this.stream + "@" + this.version;
	}

}
