package io.eventhorizon.client;

/**
 * One attempt of a command: validates against the processors' state and appends through
 * the {@link Attempt}, which commits what it was given as one entry when the action
 * returns. May run more than once (after a lost optimistic-locking race); nothing an
 * earlier run appended was written.
 *
 * @param <T> the command's result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface TransactWriteAction<T> {

	/**
	 * Runs one attempt.
	 * @param attempt where to append
	 * @return the command's result
	 */
	T run(Attempt attempt);

}
