package io.eventhorizon.core;

/**
 * Thrown when an append was sent to the store but whether it was written cannot be told:
 * the store failed (or could not be reached) both for the append and for the check that
 * followed it. The entry may or may not be in the stream: read the stream to find out, at
 * {@link #getTarget()}. Sending the same command again with the same
 * {@link IdempotencyKey} is safe; without a key it may write twice. Also thrown by
 * {@link EventLog#createStream(StreamName)} when a write of the creation is in that state;
 * creating the stream again settles it.
 *
 * @since 0.1.0
 */
public class AppendOutcomeUnknownException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Cursor target;

	public AppendOutcomeUnknownException(Cursor target, Throwable appendFailure) {
		super("The append of " + target + " was sent, but whether it was written cannot be told: "
				+ appendFailure.getMessage(), appendFailure);
		this.target = target;
	}

	/**
	 * Returns where the entry would be, if it was written.
	 * @return the cursor of the entry
	 */
	public Cursor getTarget() {
		return this.target;
	}

}
