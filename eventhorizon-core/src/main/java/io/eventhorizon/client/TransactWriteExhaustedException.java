package io.eventhorizon.client;

import io.eventhorizon.core.OptimisticLockingException;

/**
 * Thrown when every attempt of {@link Reader#transactWrite} lost an optimistic-locking
 * race. Nothing of the failed attempts was written; the caller may try again later.
 *
 * @since 0.1.0
 */
public class TransactWriteExhaustedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int attempts;

	public TransactWriteExhaustedException(int attempts, OptimisticLockingException lastConflict) {
		super("transactWrite gave up after " + attempts + " attempts; last conflict: " + lastConflict.getMessage(),
				lastConflict);
		this.attempts = attempts;
	}

	/**
	 * Returns how many attempts were made.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Returns the conflict of the last attempt.
	 * @return the last conflict
	 */
	public OptimisticLockingException getLastConflict() {
		return (OptimisticLockingException) getCause();
	}

}
