package io.eventhorizon.client;

import io.eventhorizon.core.Cursor;

/**
 * Thrown by every load of a {@link Reader} whose processor failed in the middle of an
 * entry, after it had applied part of it, and could not be reset to apply the entry whole:
 * feeding it on would apply the first part twice. The cause is the failure in the entry.
 * The processor stays stopped until {@link Reader#rebuild(boolean)} resets it or the
 * application restarts.
 *
 * @since 0.1.0
 */
public class ProcessorStoppedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final Cursor entry;

	public ProcessorStoppedException(String processor, Cursor entry, String resetFailure, Throwable cause) {
		super(processor + " is stopped: it failed in the middle of entry " + entry + " after applying part of it, "
				+ "and cannot be reset to apply the entry whole (" + resetFailure + "); rebuild it or restart the "
				+ "application", cause);
		this.entry = entry;
	}

	/**
	 * Returns the entry the processor failed in.
	 * @return the entry's cursor
	 */
	public Cursor getEntry() {
		return this.entry;
	}

}
