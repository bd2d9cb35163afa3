package io.eventhorizon.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs the failures of something that is retried, such as DynamoDB requests or a
 * processor's sync, once per outage rather than once per attempt: the first failure of an
 * outage at WARN, the repeats at DEBUG, and one INFO line when it succeeds again, with how
 * long the outage lasted and how many failures it saw.
 * <p>
 * Thread-safe; {@link #succeeded()} costs one volatile read while there is no outage.
 *
 * @since 0.1.0
 */
public final class OutageLog {

	private final Logger logger;

	private final String subject;

	private final Clock clock;

	private volatile @Nullable Instant outageStart;

	// Guarded by this.
	private long failures;

	/**
	 * Creates the log.
	 * @param logger where to log
	 * @param subject what fails, in the plural, for the messages, such as
	 * {@code DynamoDB requests}
	 */
	public OutageLog(Logger logger, String subject) {
		this(logger, subject, Clock.systemUTC());
	}

	/**
	 * Creates the log with a clock.
	 * @param logger where to log
	 * @param subject what fails, for the messages
	 * @param clock the clock that times outages
	 */
	public OutageLog(Logger logger, String subject, Clock clock) {
		this.logger = Objects.requireNonNull(logger, "logger must not be null");
		this.subject = Objects.requireNonNull(subject, "subject must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	/**
	 * Records a failure: logged at WARN when it begins an outage, at DEBUG otherwise.
	 * @param error what failed, for the message
	 */
	public void failed(String error) {
		Instant start;
		long count;
		synchronized (this) {
			start = this.outageStart;
			if (start == null) {
				start = this.clock.instant();
				this.outageStart = start;
			}
			count = ++this.failures;
		}
		if (count == 1) {
			this.logger.warn("{} failed: {}; until they succeed again, further failures are logged at DEBUG",
					this.subject, error);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug("{} failed again ({} failures since {}): {}", this.subject, count, start, error);
		}
	}

	/**
	 * Records a success: ends the outage, if there is one, with an INFO line.
	 */
	public void succeeded() {
		if (this.outageStart == null) {
			return;
		}
		Instant start;
		long count;
		synchronized (this) {
			start = this.outageStart;
			if (start == null) {
				return;
			}
			count = this.failures;
			this.outageStart = null;
			this.failures = 0;
		}
		Duration outage = Duration.between(start, this.clock.instant());
		this.logger.info("{} succeed again after {} and {} failure(s)", this.subject,
				String.format(Locale.ROOT, "%.3fs", outage.toMillis() / 1000.0), count);
	}

	/**
	 * Whether an outage is under way: a failure was the last thing recorded.
	 * @return whether the last outcome was a failure
	 */
	public boolean isFailing() {
		return this.outageStart != null;
	}

}
