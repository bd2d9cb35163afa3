package io.eventhorizon.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What every {@link EventLog} implementation does the same way: the checks before an
 * append or a stream creation, and the append-at-head loop (resolve the head, append after
 * it, and on a conflict wait, jittered, and append after the head the conflict reported).
 *
 * @since 0.1.0
 */
public final class EventLogSupport {

	private EventLogSupport() {
	}

	/**
	 * Checks an append before anything is written, and returns where the entry goes.
	 * @param after the cursor to append after
	 * @param data the entry
	 * @param command the record of the command that commits the entry, or {@code null}
	 * @return the cursor of the new entry, {@code after.next()}
	 * @throws InvalidCursorException if {@code after} is the beginning: {@code @0} holds
	 * {@code $stream.Started}
	 * @throws CommitTooLargeException if the entry and the record exceed the item size
	 * limit
	 */
	public static Cursor checkAppend(Cursor after, LogData data, @Nullable CommandRecord command) {
		Objects.requireNonNull(after, "after must not be null");
		Objects.requireNonNull(data, "data must not be null");
		if (after.isBeginning()) {
			throw new InvalidCursorException(after.toString(),
					"cannot append at @0, which holds $stream.Started; create the stream instead");
		}
		Cursor target = after.next();
		ItemSizeLimit.checkEntry(target, data, command);
		return target;
	}

	/**
	 * Returns the parent to create {@code stream} in.
	 * @param stream the stream to create
	 * @return its parent
	 * @throws IllegalArgumentException if {@code stream} is the root, which
	 * {@link EventLog#bootstrap()} creates
	 */
	public static StreamName parentToCreateIn(StreamName stream) {
		Objects.requireNonNull(stream, "stream must not be null");
		return stream.parent()
			.orElseThrow(() -> new IllegalArgumentException("The root stream is created by bootstrap()"));
	}

	/**
	 * Returns the failure of creating {@code stream} in a parent that does not exist.
	 * @param stream the stream to create
	 * @param parent its missing parent
	 * @return the exception to throw
	 */
	public static StreamNotFoundException parentMissing(StreamName stream, StreamName parent) {
		return new StreamNotFoundException(parent,
				"Cannot create " + stream + ": its parent " + parent + " does not exist");
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
