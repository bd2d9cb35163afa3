package io.eventhorizon.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One event line as read: its stored type name, its metadata and, when the type is
 * registered, its payload.
 *
 * Immutable and thread-safe as long as the payload is.
 *
 * @param type the stored type name
 * @param meta the metadata
 * @param payload the payload, or {@code null} when the type is not registered
 * @since 0.1.0
 */
public record DecodedLine(String type, EventMeta meta, @Nullable Object payload) {

	public DecodedLine {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(meta, "meta must not be null");
	}

	/**
	 * Whether the type is registered, so that there is a payload.
	 * @return whether the payload is present
	 */
	public boolean isKnownType() {
		return this.payload != null;
	}

}
