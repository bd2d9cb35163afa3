package io.eventhorizon.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How often to try again after an optimistic-locking conflict, and how long to wait in
 * between: exponential backoff with full jitter, so that writers that collided once do not
 * collide again in lockstep.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @param maxAttempts how many attempts in all, at least 1
 * @param initialBackoff the upper bound of the first wait
 * @param maxBackoff the upper bound of any wait
 * @since 0.1.0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	/** Five attempts, waiting up to 10 ms, 20 ms, 40 ms and 80 ms between them. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(500));

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException(
					"Backoff must not be negative, was " + initialBackoff + " and " + maxBackoff);
		}
	}

	/**
	 * Returns the longest wait before the given attempt, before jitter.
	 * @param attempt the attempt about to be made, 2 or more
	 * @return the upper bound of the wait
	 */
	public Duration backoffCeiling(int attempt) {
		int doublings = Math.min(Math.max(attempt - 2, 0), 30);
		long ceiling = this.initialBackoff.toNanos() << doublings;
		return Duration.ofNanos((ceiling < 0) ? this.maxBackoff.toNanos() : Math.min(ceiling, this.maxBackoff.toNanos()));
	}

	/**
	 * Returns a random wait between zero and {@link #backoffCeiling(int)} ("full
	 * jitter").
	 * @param attempt the attempt about to be made, 2 or more
	 * @param random the source of randomness
	 * @return the wait
	 */
	public Duration jitteredBackoff(int attempt, RandomGenerator random) {
		long ceiling = backoffCeiling(attempt).toNanos();
		return Duration.ofNanos((ceiling <= 0) ? 0 : random.nextLong(ceiling + 1));
	}

	/**
	 * Sleeps a {@link #jitteredBackoff(int, RandomGenerator) jittered backoff}.
	 * @param attempt the attempt about to be made, 2 or more
	 * @throws IllegalStateException if the thread is interrupted (the flag is kept)
	 */
	public void sleepBefore(int attempt) {
		long nanos = jitteredBackoff(attempt, ThreadLocalRandom.current()).toNanos();
		if (nanos == 0) {
			return;
		}
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while backing off before attempt " + attempt, ex);
		}
	}

}
