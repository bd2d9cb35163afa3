package io.eventhorizon.event;

import io.eventhorizon.core.Cursor;

/**
 * Thrown when a stored entry cannot be read: a broken event line, or a payload that does
 * not fit its registered class. Names the entry so that it can be inspected; a reader must
 * stop rather than skip it.
 *
 * @since 0.1.0
 */
public class MalformedEntryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Cursor cursor;

	public MalformedEntryException(Cursor cursor, int lineNumber, Throwable cause) {
		super("Entry " + cursor + " is malformed at line " + lineNumber + ": " + cause.getMessage(), cause);
		this.cursor = cursor;
	}

	public MalformedEntryException(Cursor cursor, String reason) {
		super("Entry " + cursor + " is malformed: " + reason);
		this.cursor = cursor;
	}

	/**
	 * Returns where the malformed entry is.
	 * @return the entry's cursor
	 */
	public Cursor getCursor() {
		return this.cursor;
	}

}
