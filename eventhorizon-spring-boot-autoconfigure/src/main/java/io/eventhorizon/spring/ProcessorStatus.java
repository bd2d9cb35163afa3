package io.eventhorizon.spring;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the synchronizer observed of one processor: the last successful sync, the last
 * error and how many syncs in a row failed. Thread-safe: updates are synchronized, reads
 * see a consistent state.
 *
 * @since 0.1.0
 */
public final class ProcessorStatus {

	private @Nullable Instant lastSuccess;

	private @Nullable Instant lastFailure;

	private @Nullable String lastError;

	private int consecutiveFailures;

	private long failures;

	private boolean waitingForStream;

	synchronized void succeeded(Instant at) {
		this.lastSuccess = at;
		this.consecutiveFailures = 0;
		this.waitingForStream = false;
	}

	// Returns whether the stream was there (or unknown) before: a missing stream is news once.
	synchronized boolean waitingForStream(Instant at) {
		this.lastSuccess = at;
		this.consecutiveFailures = 0;
		boolean news = !this.waitingForStream;
		this.waitingForStream = true;
		return news;
	}

	synchronized int failed(Instant at, RuntimeException failure) {
		this.lastFailure = at;
		this.lastError = failure.toString();
		this.failures++;
		return ++this.consecutiveFailures;
	}

	/**
	 * Returns when the processor last reached realtime.
	 * @return the time, or empty if never
	 */
	public synchronized Optional<Instant> lastSuccess() {
		return Optional.ofNullable(this.lastSuccess);
	}

	/**
	 * Returns when a sync last failed.
	 * @return the time, or empty if never
	 */
	public synchronized Optional<Instant> lastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

	/**
	 * Returns the last error.
	 * @return the error, or empty if none
	 */
	public synchronized Optional<String> lastError() {
		return Optional.ofNullable(this.lastError);
	}

	/**
	 * Returns how many syncs in a row failed.
	 * @return the count, 0 after a success
	 */
	public synchronized int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * Returns how many syncs failed since the start.
	 * @return the count
	 */
	public synchronized long failures() {
		return this.failures;
	}

	/**
	 * Whether the processor's stream does not exist yet.
	 * @return whether it waits for its stream
	 */
	public synchronized boolean isWaitingForStream() {
		return this.waitingForStream;
	}

}
