package io.eventhorizon.core;

/**
 * Thrown when appending after a cursor that does not exist yet: writing there would
 * leave a permanent gap in the stream's versions.
 *
 * @since 0.1.0
 */
public class CursorBeyondHeadException extends EventLogException {

	private static final long serialVersionUID = 1L;

	private final Cursor requestedAfter;

	private final Cursor actualHead;

	public CursorBeyondHeadException(Cursor requestedAfter, Cursor actualHead) {
		super("Cannot append after " + requestedAfter + ": the head of " + requestedAfter.stream() + " is "
				+ actualHead + ", and appending there would leave a gap");
		this.requestedAfter = requestedAfter;
		this.actualHead = actualHead;
	}

	/**
	 * Returns the cursor the writer asked to append after.
	 * @return the requested cursor
	 */
	public Cursor getRequestedAfter() {
		return this.requestedAfter;
	}

	/**
	 * Returns the actual head of the stream.
	 * @return the head
	 */
	public Cursor getActualHead() {
		return this.actualHead;
	}

}
