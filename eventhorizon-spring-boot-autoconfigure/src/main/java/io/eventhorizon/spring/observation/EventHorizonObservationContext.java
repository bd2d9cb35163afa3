package io.eventhorizon.spring.observation;

import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What every EventHorizon observation knows: the stream, a cursor and the outcome.
 * <p>
 * Not thread-safe: filled by the thread that makes the observation.
 *
 * @since 0.1.0
 */
public abstract class EventHorizonObservationContext extends Observation.Context {

	/** The outcome of work that completed. */
	public static final String SUCCESS = "success";

	private final StreamName stream;

	private @Nullable Cursor cursor;

	private String outcome = "error";

	/**
	 * Creates the context.
	 * @param stream the stream
	 * @param cursor the cursor known when the work starts, or {@code null}
	 */
	protected EventHorizonObservationContext(StreamName stream, @Nullable Cursor cursor) {
		this.stream = stream;
		this.cursor = cursor;
	}

	/**
	 * Returns the stream.
	 * @return the stream
	 */
	public StreamName getStream() {
		return this.stream;
	}

	/**
	 * Returns the cursor, if one is known.
	 * @return the cursor, or {@code null}
	 */
	public @Nullable Cursor getCursor() {
		return this.cursor;
	}

	/**
	 * Sets the cursor.
	 * @param cursor the cursor
	 */
	public void setCursor(Cursor cursor) {
		this.cursor = cursor;
	}

	/**
	 * Returns the outcome: {@code success}, {@code conflict}, {@code unknown} or
	 * {@code error} (until the work succeeds).
	 * @return the outcome
	 */
	public String getOutcome() {
		return this.outcome;
	}

	/**
	 * Records that the work completed.
	 */
	public void succeeded() {
		this.outcome = SUCCESS;
	}

	/**
	 * Records the outcome a failure means.
	 * @param failure what the work failed with
	 */
	public void failed(Throwable failure) {
		this.outcome = (failure instanceof OptimisticLockingException) ? "conflict"
				: (failure instanceof AppendOutcomeUnknownException) ? "unknown" : "error";
	}

}
