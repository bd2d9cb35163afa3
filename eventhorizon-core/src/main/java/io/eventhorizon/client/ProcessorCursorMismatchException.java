package io.eventhorizon.client;

import io.eventhorizon.core.Cursor;

/**
 * Thrown inside a processor's transaction when the cursor it has stored is not the one
 * the {@link Reader} expected (another instance advanced the same database, or the
 * processor was reset). The processor rolls back; the Reader discovers the stored cursor
 * again and carries on from there.
 *
 * @since 0.1.0
 */
public class ProcessorCursorMismatchException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final Cursor expected;

	private final Cursor stored;

	public ProcessorCursorMismatchException(Cursor expected, Cursor stored) {
		super("Processor's stored cursor " + stored + " is out of sync with the Reader's " + expected);
		this.expected = expected;
		this.stored = stored;
	}

	/**
	 * Returns the cursor the Reader expected.
	 * @return the expected cursor
	 */
	public Cursor getExpected() {
		return this.expected;
	}

	/**
	 * Returns the cursor the processor has stored.
	 * @return the stored cursor
	 */
	public Cursor getStored() {
		return this.stored;
	}

}
