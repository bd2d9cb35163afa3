package io.eventhorizon.core;

/**
 * Thrown when a text is not a valid {@link IdempotencyKey}.
 *
 * @since 0.1.0
 */
public class InvalidIdempotencyKeyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String key;

	public InvalidIdempotencyKeyException(String key, String reason) {
		super("Invalid idempotency key " + Printable.quote(key) + ": " + reason);
		this.key = key;
	}

	/**
	 * Returns the rejected key, as it was given.
	 * @return the rejected key
	 */
	public String getKey() {
		return this.key;
	}

}
