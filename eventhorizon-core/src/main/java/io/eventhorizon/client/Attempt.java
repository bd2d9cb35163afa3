package io.eventhorizon.client;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a command appends: nothing is written while the attempt runs; its
 * appends are collected and committed as one entry, after the cursor its processors
 * validated at, when the attempt's action returns. So an attempt is written whole or not at
 * all, and a retried attempt never repeats a write of an earlier one. Appends of one
 * attempt go to one stream ({@link MultiStreamAttemptException} otherwise).
 * <p>
 * Not thread-safe: used by the thread that runs the attempt.
 *
 * @since 0.1.0
 */
public final class Attempt {

	private final EventLog eventLog;

	private final Function<StreamName, @Nullable Cursor> validatedCursors;

	private final @Nullable StreamName defaultStream;

	private final boolean keyed;

	private @Nullable StreamName stream;

	private @Nullable Cursor after;

	private final List<LogData> appended = new ArrayList<>();

	Attempt(EventLog eventLog, Function<StreamName, @Nullable Cursor> validatedCursors,
			@Nullable StreamName defaultStream, boolean keyed) {
		this.eventLog = eventLog;
		this.validatedCursors = validatedCursors;
		this.defaultStream = defaultStream;
		this.keyed = keyed;
	}

	/**
	 * Appends to the stream of the Reader running the attempt, after the cursor it validated
	 * at.
	 * @param data the events
	 * @return the cursor the entry gets when the attempt commits
	 * @throws IllegalStateException if the attempt runs for several Readers (name the stream)
	 */
	public Cursor append(LogData data) {
		if (this.defaultStream == null) {
			throw new IllegalStateException("This attempt runs for several processors: name the stream to append to");
		}
		return append(this.defaultStream, data);
	}

	/**
	 * Appends to a stream: after the cursor of the attempt's processors when they follow
	 * it (another writer's entry then makes the commit conflict and the attempt run again),
	 * or else after the head as it is now. Appends of one attempt to one stream are joined
	 * into one entry.
	 * @param stream the stream
	 * @param data the events
	 * @return the cursor the entry gets when the attempt commits
	 * @throws MultiStreamAttemptException if the attempt appended to another stream already
	 * @throws IllegalStateException if the command has an idempotency key and none of its
	 * processors follows the stream (the key could not be found there again)
	 */
	public Cursor append(StreamName stream, LogData data) {
		Objects.requireNonNull(stream, "stream must not be null");
		Objects.requireNonNull(data, "data must not be null");
		if (this.stream == null) {
			Cursor validated = this.validatedCursors.apply(stream);
			if (validated == null && this.keyed) {
				throw new IllegalStateException("A command with an idempotency key appends only to streams its "
						+ "processors follow, where a repeat finds the key again; none follows " + stream);
			}
			this.after = (validated != null) ? validated : this.eventLog.head(stream);
			this.stream = stream;
		}
		else if (!this.stream.equals(stream)) {
			throw new MultiStreamAttemptException(this.stream, stream);
		}
		if (!this.appended.isEmpty() && this.appended.get(0).kind() != data.kind()) {
			throw new IllegalArgumentException("An attempt's appends to " + stream + " must be of one kind, but "
					+ this.appended.get(0).kind() + " was followed by " + data.kind());
		}
		this.appended.add(data);
		return Objects.requireNonNull(this.after).next();
	}

	/**
	 * Returns what the attempt commits, or {@code null} when it appended nothing.
	 */
	@Nullable Commit commit() {
		if (this.appended.isEmpty()) {
			return null;
		}
		return new Commit(Objects.requireNonNull(this.after), joined());
	}

	private LogData joined() {
		if (this.appended.size() == 1) {
			return this.appended.get(0);
		}
		ByteArrayOutputStream lines = new ByteArrayOutputStream();
		for (LogData data : this.appended) {
			if (lines.size() > 0) {
				lines.write('\n');
			}
			lines.writeBytes(data.payload());
		}
		return LogData.of(this.appended.get(0).kind(), lines.toByteArray());
	}

	/** One entry to append after a cursor. */
	record Commit(Cursor after, LogData data) {
	}

}
