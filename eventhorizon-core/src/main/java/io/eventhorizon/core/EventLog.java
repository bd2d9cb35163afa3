package io.eventhorizon.core;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The event log: streams of entries, read in pages and appended to with optimistic
 * locking. An entry is one atomic commit of one or more events.
 * <p>
 * Every stream starts with {@code $stream.Started} at {@code @0}, written by
 * {@link #createStream(StreamName)}, which also records {@code $stream.ChildStreamCreated}
 * in the parent. {@link #bootstrap()} creates the root {@code /}.
 * <p>
 * Implementations are thread-safe, and several instances (in several processes) may share
 * one store: the conditional append keeps the versions of a stream contiguous.
 *
 * @since 0.1.0
 */
public interface EventLog {

	/**
	 * Reads the next page of entries after {@code after} (exclusive). Reads see every
	 * append that completed before the read began.
	 * @param after the cursor to read after; {@code stream.beginning()} for everything
	 * @return the page
	 * @throws StreamNotFoundException if reading from the beginning of a stream that does
	 * not exist (or is still being created)
	 */
	ReadResult read(Cursor after);

	/**
	 * Returns the cursor of the newest entry of a stream.
	 * @param stream the stream
	 * @return the head
	 * @throws StreamNotFoundException if the stream does not exist
	 */
	Cursor head(StreamName stream);

	/**
	 * Appends one entry right after {@code after}, if {@code after} is still the head.
	 * @param after the head the writer has seen; not the beginning (use
	 * {@link #createStream(StreamName)})
	 * @param data the entry
	 * @return the cursor of the new entry, {@code after.next()}
	 * @throws OptimisticLockingException if another entry follows {@code after} already
	 * @throws CursorBeyondHeadException if {@code after} does not exist yet
	 * @throws StreamNotFoundException if the stream does not exist
	 * @throws CommitTooLargeException if the entry exceeds the item size limit
	 * @throws InvalidCursorException if {@code after} is the beginning
	 */
	default Cursor appendAfter(Cursor after, LogData data) {
		return appendAfter(after, data, null);
	}

	/**
	 * Appends one entry right after {@code after}, if {@code after} is still the head, with
	 * the record of the command that committed it. Reads return the record with the entry.
	 * @param after the head the writer has seen; not the beginning (use
	 * {@link #createStream(StreamName)})
	 * @param data the entry
	 * @param command the command's idempotency key and result, or {@code null} for none
	 * @return the cursor of the new entry, {@code after.next()}
	 * @throws OptimisticLockingException if another entry follows {@code after} already
	 * @throws CursorBeyondHeadException if {@code after} does not exist yet
	 * @throws StreamNotFoundException if the stream does not exist
	 * @throws CommitTooLargeException if the entry and the record exceed the item size limit
	 * @throws InvalidCursorException if {@code after} is the beginning
	 * @throws AppendOutcomeUnknownException if the append was sent but whether it was
	 * written cannot be told
	 * @since 0.1.0
	 */
	Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command);

	/**
	 * Appends one entry at the head of a stream, whatever it is: resolves the head and
	 * appends after it, trying again with backoff when another writer was faster.
	 * @param stream the stream
	 * @param data the entry
	 * @return the cursor of the new entry
	 * @throws OptimisticLockingException if every attempt lost the race
	 * @throws StreamNotFoundException if the stream does not exist
	 * @throws CommitTooLargeException if the entry exceeds the item size limit
	 */
	Cursor append(StreamName stream, LogData data);

	/**
	 * Creates a stream below its existing parent: writes {@code $stream.Started} at
	 * {@code @0} and announces it with {@code $stream.ChildStreamCreated} in the parent.
	 * Of calls that create the same stream at the same time, on any number of instances,
	 * exactly one returns; the others get {@link StreamAlreadyExistsException}.
	 * @param stream the stream to create, not the root
	 * @return {@code stream@0}
	 * @throws StreamAlreadyExistsException if the stream exists, or another call created
	 * it at the same time
	 * @throws StreamNotFoundException if the parent does not exist
	 * @throws AppendOutcomeUnknownException if a write was sent but whether it was done
	 * cannot be told; creating the stream again finishes the work or reports that it exists
	 */
	Cursor createStream(StreamName stream);

	/**
	 * Creates the root stream {@code /} unless it exists. Safe to call on every start.
	 */
	void bootstrap();

	/**
	 * Returns this log's change feed, through which a reader of a whole tree of streams
	 * learns which streams moved; empty when the log keeps none.
	 * @return the change feed
	 * @since 0.1.0
	 */
	default Optional<ChangeFeed> changeFeed() {
		return Optional.empty();
	}

}
