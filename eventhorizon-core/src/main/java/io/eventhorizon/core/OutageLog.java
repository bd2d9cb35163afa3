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
 * long the outage lasted and how many failures it saw. Failures recorded as exceptions
 * ({@link #failed(Throwable)}) are logged with their stack trace once per distinct failure:
 * when the outage begins and whenever the failure changes, never on a repeat.
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

	// Guarded by this: the last failure, to tell a repeat from a change.
	private @Nullable String lastFailure;

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
		record(error, null);
	}

	/**
	 * Records a failure with its exception: logged at WARN with the stack trace when it
	 * begins an outage or differs from the previous failure (its {@code toString()}, which
	 * names its type and message), and at DEBUG in one line, without the stack trace, when
	 * it repeats the previous one.
	 * @param failure what failed
	 * @since 0.1.0
	 */
	public void failed(Throwable failure) {
		Objects.requireNonNull(failure, "failure must not be null");
		record(failure.toString(), failure);
	}

	private void record(String error, @Nullable Throwable failure) {
		Instant start;
		long count;
		boolean changed;
		synchronized (this) {
			start = this.outageStart;
			if (start == null) {
				start = this.clock.instant();
				this.outageStart = start;
			}
			count = ++this.failures;
			changed = failure != null && !error.equals(this.lastFailure);
			this.lastFailure = error;
		}
		if (count == 1) {
			this.logger.warn("{} failed: {}; until they succeed again, further failures are logged at DEBUG",
					this.subject, error, failure);
		}
		else if (changed) {
			this.logger.warn("{} failed differently ({} failures since {}): {}", this.subject, count, start, error,
					failure);
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
			this.lastFailure = null;
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
