package io.eventhorizon.core;

import java.util.Objects;

/**
 * The append-at-head loop shared by {@link EventLog} implementations: resolve the head,
 * append after it, and on a conflict wait (jittered) and append after the head the
 * conflict reported.
 *
 * @since 0.1.0
 */
public final class Appends {

	private Appends() {
	}

	/**
	 * Appends at the head of {@code stream}, retrying conflicts as {@code policy} allows.
	 * @param log the log to append to
	 * @param stream the stream
	 * @param data the entry
	 * @param policy how often and how patiently to retry
	 * @return the cursor of the new entry
	 * @throws OptimisticLockingException if every attempt lost the race
	 */
	public static Cursor appendAtHead(EventLog log, StreamName stream, LogData data, RetryPolicy policy) {
		Objects.requireNonNull(data, "data must not be null");
		Cursor after = log.head(stream);
		for (int attempt = 1;; attempt++) {
			try {
				return log.appendAfter(after, data);
			}
			catch (OptimisticLockingException conflict) {
				if (attempt >= policy.maxAttempts()) {
					throw new OptimisticLockingException(
							"Append to " + stream + " gave up after " + attempt + " attempts", conflict);
				}
				policy.sleepBefore(attempt + 1);
				after = conflict.getActualHead();
			}
		}
	}

}
