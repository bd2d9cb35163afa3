package io.eventhorizon.core;

/**
 * Thrown when a text is not a valid {@link Cursor}, or a version is out of range.
 *
 * @since 0.1.0
 */
public class InvalidCursorException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String cursor;

	public InvalidCursorException(String cursor, String reason) {
		super("Invalid cursor " + Printable.quote(cursor) + ": " + reason);
		this.cursor = cursor;
	}

	public InvalidCursorException(String cursor, String reason, Throwable cause) {
		this(cursor, reason);
		initCause(cause);
	}

	/**
	 * Returns the rejected cursor, as it was given.
	 * @return the rejected cursor text
	 */
	public String getCursor() {
		return this.cursor;
	}

}
