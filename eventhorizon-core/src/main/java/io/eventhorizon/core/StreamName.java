package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of a stream: an absolute, {@code /}-separated path such as {@code /bank} or
 * {@code /t-42/chat/offtopic}. The root stream is {@code /}; every other stream is a
 * child of an existing parent.
 * <p>
 * Names are validated strictly because tenant isolation rests on them: a name is
 * absolute, has no empty, {@code .} or {@code ..} segment, no trailing {@code /}, no
 * {@code @} (it separates stream and version in a {@link Cursor}), no whitespace, control,
 * format or unpaired surrogate characters, and at most {@value #MAX_UTF8_BYTES} bytes in
 * UTF-8 (DynamoDB allows 2048 for a partition key). {@code $} is allowed and marks system
 * streams such as {@code /$}.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class StreamName implements Comparable<StreamName> {

	/** The longest name in UTF-8 bytes: half of DynamoDB's partition-key limit. */
	public static final int MAX_UTF8_BYTES = 1024;

	private static final StreamName ROOT = new StreamName("/");

	private final String name;

	private StreamName(String name) {
		this.name = name;
	}

	/**
	 * Returns the root stream {@code /}.
	 * @return the root stream
	 */
	public static StreamName root() {
		return ROOT;
	}

	/**
	 * Parses and validates a stream name.
	 * @param name the name, such as {@code /bank}
	 * @return the stream name
	 * @throws InvalidStreamNameException if the name is not valid
	 */
	public static StreamName of(String name) {
		Objects.requireNonNull(name, "name must not be null");
		if (name.equals("/")) {
			return ROOT;
		}
		if (!name.startsWith("/")) {
			throw new InvalidStreamNameException(name, "must be absolute (start with '/')");
		}
		if (name.endsWith("/")) {
			throw new InvalidStreamNameException(name, "must not end with '/'");
		}
		for (String segment : name.substring(1).split("/", -1)) {
			checkSegment(name, segment);
		}
		checkLength(name);
		return new StreamName(name);
	}

	/**
	 * Returns the child stream with the given segment, for example
	 * {@code StreamName.root().child("bank")} is {@code /bank}.
	 * @param segment one path segment, without {@code /}
	 * @return the child stream name
	 * @throws InvalidStreamNameException if the segment is not valid
	 */
	public StreamName child(String segment) {
		Objects.requireNonNull(segment, "segment must not be null");
		String childName = isRoot() ? "/" + segment : this.name + "/" + segment;
		if (segment.contains("/")) {
			throw new InvalidStreamNameException(childName, "segment " + Printable.quote(segment) + " contains '/'");
		}
		checkSegment(childName, segment);
		checkLength(childName);
		return new StreamName(childName);
	}

	/**
	 * Returns the parent: {@code /foo/bar} gives {@code /foo}, {@code /foo} gives
	 * {@code /}, and the root has none.
	 * @return the parent, or empty for the root
	 */
	public Optional<StreamName> parent() {
		if (isRoot()) {
			return Optional.empty();
		}
		int lastSlash = this.name.lastIndexOf('/');
		return Optional.of((lastSlash == 0) ? ROOT : new StreamName(this.name.substring(0, lastSlash)));
	}

	/**
	 * Returns the last segment: {@code /foo/bar} gives {@code bar}; the root gives
	 * {@code /}.
	 * @return the last segment
	 */
	public String base() {
		return isRoot() ? "/" : this.name.substring(this.name.lastIndexOf('/') + 1);
	}

	/**
	 * Whether this is the root stream {@code /}.
	 * @return whether this is the root
	 */
	public boolean isRoot() {
		return this == ROOT || this.name.equals("/");
	}

	/**
	 * Whether this stream lies below {@code ancestor} in the tree. A stream is not its own
	 * descendant, and {@code /t-30} is not a descendant of {@code /t-3}.
	 * @param ancestor the possible ancestor
	 * @return whether this stream is a strict descendant of {@code ancestor}
	 */
	public boolean isDescendantOf(StreamName ancestor) {
		Objects.requireNonNull(ancestor, "ancestor must not be null");
		if (equals(ancestor)) {
			return false;
		}
		// Compare whole segments: the trailing '/' keeps "/t-30" out of "/t-3".
		return ancestor.isRoot() || this.name.startsWith(ancestor.name + "/");
	}

	/**
	 * Returns the cursor at {@code version} of this stream.
	 * @param version the version, {@code -1} for the beginning
	 * @return the cursor
	 */
	public Cursor at(long version) {
		return Cursor.of(this, version);
	}

	/**
	 * Returns the cursor before the first entry ({@code @-1}); reading after it yields
	 * the whole stream.
	 * @return the beginning of this stream
	 */
	public Cursor beginning() {
		return at(Cursor.BEGINNING_VERSION);
	}

	@Override
	public int compareTo(StreamName other) {
		return this.name.compareTo(other.name);
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof StreamName that && this.name.equals(that.name));
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	/**
	 * Returns the name, such as {@code /bank}.
	 */
	@Override
	public String toString() {
		return this.name;
	}

	private static void checkSegment(String name, String segment) {
		if (segment.isEmpty()) {
			throw new InvalidStreamNameException(name, "empty segment");
		}
		if (segment.equals(".") || segment.equals("..")) {
			throw new InvalidStreamNameException(name, "segment '" + segment + "' is not allowed");
		}
		for (int i = 0; i < segment.length();) {
			int codePoint = segment.codePointAt(i);
			if (codePoint == '@') {
				throw new InvalidStreamNameException(name, "'@' is not allowed (it separates stream and version)");
			}
			if (!isVisible(codePoint)) {
				throw new InvalidStreamNameException(name,
						String.format("character U+%04X is not allowed (whitespace, control, format or unpaired surrogate)",
								codePoint));
			}
			i += Character.charCount(codePoint);
		}
	}

	private static void checkLength(String name) {
		int bytes = name.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_UTF8_BYTES) {
			throw new InvalidStreamNameException(name,
					"is " + bytes + " bytes in UTF-8, more than the limit of " + MAX_UTF8_BYTES);
		}
	}

	static boolean isVisible(int codePoint) {
		if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
			return false;
		}
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
					Character.PRIVATE_USE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				false;
			default -> true;
		};
	}

}
