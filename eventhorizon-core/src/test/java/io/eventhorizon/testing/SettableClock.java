package io.eventhorizon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, so that the times a log writes (such
 * as change feed records) are chosen by the test.
 * <p>
 * Thread-safe.
 */
public final class SettableClock extends Clock {

	private volatile Instant now;

	/**
	 * Creates a clock standing at {@code now}.
	 * @param now the time it shows
	 */
	public SettableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock, forwards or backwards.
	 * @param duration how far; negative to go back
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/**
	 * Sets the time the clock shows.
	 * @param now the time
	 */
	public void set(Instant now) {
		this.now = now;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
