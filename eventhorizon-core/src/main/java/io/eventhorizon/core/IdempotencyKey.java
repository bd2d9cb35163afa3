package io.eventhorizon.core;

import java.util.Objects;

/**
 * A key that a client sends with a command so that the command, sent again after a time-out
 * or a lost answer, is applied once: the entry the command commits carries the key, and a
 * repeat with the same key returns the first one's result and writes nothing. One to 128
 * visible ASCII characters ({@code !} to {@code ~}), such as a UUID.
 * <p>
 * Immutable and thread-safe.
 *
 * @param value the key
 * @since 0.1.0
 */
public record IdempotencyKey(String value) {

	/** The most characters a key may have. */
	public static final int MAX_LENGTH = 128;

	/**
	 * Checks the key.
	 * @throws InvalidIdempotencyKeyException if it is empty, too long or has a character
	 * other than visible ASCII
	 */
	public IdempotencyKey {
		Objects.requireNonNull(value, "value must not be null");
		if (value.isEmpty()) {
			throw new InvalidIdempotencyKeyException(value, "it is empty");
		}
		if (value.length() > MAX_LENGTH) {
			throw new InvalidIdempotencyKeyException(value,
					"it has " + value.length() + " characters, more than " + MAX_LENGTH);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '!' || c > '~') {
				throw new InvalidIdempotencyKeyException(value,
						"character " + (i + 1) + " is not visible ASCII (! to ~)");
			}
		}
	}

	/**
	 * Returns the key for a text.
	 * @param value the key
	 * @return the key
	 * @throws InvalidIdempotencyKeyException if it is not a valid key
	 */
	public static IdempotencyKey of(String value) {
		return new IdempotencyKey(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
