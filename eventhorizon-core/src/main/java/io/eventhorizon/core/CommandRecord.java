package io.eventhorizon.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a command that carried an {@link IdempotencyKey} stores with the entry it commits:
 * the key, and the command's result as JSON, so that a repeat of the command on any
 * instance returns the same result without running again. Stored beside the entry's data
 * (DynamoDB attributes {@code k} and {@code r}, which the Go project's readers ignore).
 * <p>
 * Immutable and thread-safe.
 *
 * @param key the command's idempotency key
 * @param result the command's result as JSON, or {@code null} for a command that returns
 * nothing
 * @since 0.1.0
 */
public record CommandRecord(IdempotencyKey key, @Nullable String result) {

	public CommandRecord {
		Objects.requireNonNull(key, "key must not be null");
	}

}
