package io.eventhorizon.core;

/**
 * Thrown when an append lost the race: another writer appended after the same cursor
 * first. Refresh the read model to {@link #getActualHead()}, validate again and retry.
 *
 * @since 0.1.0
 */
public class OptimisticLockingException extends EventLogException {

	private static final long serialVersionUID = 1L;

	private final Cursor requestedAfter;

	private final Cursor actualHead;

	public OptimisticLockingException(Cursor requestedAfter, Cursor actualHead) {
		super("Optimistic locking conflict on " + requestedAfter.stream() + ": appended after " + requestedAfter
				+ " but the head is " + actualHead);
		this.requestedAfter = requestedAfter;
		this.actualHead = actualHead;
	}

	public OptimisticLockingException(String message, OptimisticLockingException lastConflict) {
		super(message + ": " + lastConflict.getMessage(), lastConflict);
		this.requestedAfter = lastConflict.requestedAfter;
		this.actualHead = lastConflict.actualHead;
	}

	/**
	 * Returns the cursor the writer appended after.
	 * @return the requested cursor
	 */
	public Cursor getRequestedAfter() {
		return this.requestedAfter;
	}

	/**
	 * Returns the head of the stream as seen right after the conflict.
	 * @return the actual head
	 */
	public Cursor getActualHead() {
		return this.actualHead;
	}

}
