package io.eventhorizon.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose view of a stream a snapshot holds: an application (or read model) id and the
 * version of its snapshot schema, written {@code appId:version} (for example
 * {@code bank-accounts:v1}). Change the version when the snapshot's shape changes: old
 * snapshots are then simply not found, and the read model is rebuilt from the events.
 * <p>
 * Immutable and thread-safe.
 *
 * @param appId the application or read-model id, such as {@code bank-accounts}
 * @param version the snapshot schema version, such as {@code v1}
 * @since 0.1.0
 */
public record SnapshotPerspective(String appId, String version) {

	private static final Pattern PART = Pattern.compile("[A-Za-z0-9._$-]{1,100}");

	public SnapshotPerspective {
		check("appId", appId);
		check("version", version);
	}

	/**
	 * Returns the perspective {@code appId:v1}.
	 * @param appId the application or read-model id
	 * @return the perspective
	 */
	public static SnapshotPerspective v1(String appId) {
		return new SnapshotPerspective(appId, "v1");
	}

	/**
	 * Parses the text form {@code appId:version}.
	 * @param text the text
	 * @return the perspective
	 * @throws IllegalArgumentException if the text is not a valid perspective
	 */
	public static SnapshotPerspective parse(String text) {
		Objects.requireNonNull(text, "text must not be null");
		int colon = text.indexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException(
					"Invalid snapshot perspective " + Printable.quote(text) + ": expected 'appId:version'");
		}
		return new SnapshotPerspective(text.substring(0, colon), text.substring(colon + 1));
	}

	private static void check(String part, String value) {
		Objects.requireNonNull(value, part + " must not be null");
		if (!PART.matcher(value).matches()) {
			throw new IllegalArgumentException("Invalid snapshot perspective " + part + " " + Printable.quote(value)
					+ ": use 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', '$' and '-'");
		}
	}

	/**
	 * Returns the text form {@code appId:version}.
	 */
	@Override
	public String toString() {
		return this.appId + ":" + this.version;
	}

}
