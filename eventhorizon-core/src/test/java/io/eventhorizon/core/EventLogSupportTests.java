package io.eventhorizon.core;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.ForwardingEventLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventLogSupportTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final RetryPolicy THREE_QUICK_ATTEMPTS = new RetryPolicy(3, Duration.ofMillis(1),
			Duration.ofMillis(2));

	private final InMemoryEventLog log = new InMemoryEventLog();

	@Test
	void appendAtHeadTriesAgainAfterTheHeadTheConflictReported() {
		this.log.bootstrap();
		this.log.createStream(BANK);
		RivalBeforeEachAppend rival = new RivalBeforeEachAppend(this.log, 2);

		Cursor written = EventLogSupport.appendAtHead(rival, BANK, deposit("mine"), THREE_QUICK_ATTEMPTS);

		assertThat(written).isEqualTo(BANK.at(3));
		assertThat(rival.attempts.get()).isEqualTo(3);
	}

	@Test
	void appendAtHeadGivesUpAfterThePolicysAttemptsWithTheLastConflict() {
		this.log.bootstrap();
		this.log.createStream(BANK);
		RivalBeforeEachAppend rival = new RivalBeforeEachAppend(this.log, Integer.MAX_VALUE);

		assertThatExceptionOfType(OptimisticLockingException.class)
			.isThrownBy(() -> EventLogSupport.appendAtHead(rival, BANK, deposit("mine"), THREE_QUICK_ATTEMPTS))
			.withMessageStartingWith("Append to /bank gave up after 3 attempts: Optimistic locking conflict")
			.satisfies((ex) -> {
				assertThat(ex.getRequestedAfter()).isEqualTo(BANK.at(2));
				assertThat(ex.getActualHead()).isEqualTo(BANK.at(3));
			});
		assertThat(rival.attempts.get()).isEqualTo(3);
		assertThat(this.log.head(BANK)).isEqualTo(BANK.at(3));
	}

	@Test
	void backoffDoublesFromTheInitialCeilingUpToTheMaximum() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(50));

		assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(10));
		assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofMillis(20));
		assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(40));
		assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofMillis(50));
		assertThat(policy.backoffCeiling(99)).isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void waitsAreSpreadBetweenZeroAndTheCeilingSoThatCollidedWritersDrift() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(50));
		Random random = new Random(42);

		List<Duration> waits = IntStream.range(0, 200).mapToObj((i) -> policy.jitteredBackoff(3, random)).toList();

		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(20)));
		assertThat(waits.stream().distinct().count()).isGreaterThan(150);
		assertThat(waits).anySatisfy((wait) -> assertThat(wait).isLessThan(Duration.ofMillis(5)))
			.anySatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofMillis(15)));
		assertThat(new RetryPolicy(2, Duration.ZERO, Duration.ZERO).jitteredBackoff(2, random)).isZero();
	}

	@Test
	void aPolicyNeedsAtLeastOneAttemptAndNoNegativeWaits() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
			.withMessage("maxAttempts must be at least 1, was 0");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO))
			.withMessageContaining("must not be negative");
	}

	private static LogData deposit(String account) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited(account, 1), EventMeta.system(Instant.EPOCH))));
	}

	// Another writer that gets in first before each of our first `rivalries` appends.
	private static final class RivalBeforeEachAppend extends ForwardingEventLog {

		private final EventLog delegate;

		private final int rivalries;

		private final AtomicInteger attempts = new AtomicInteger();

		RivalBeforeEachAppend(EventLog delegate, int rivalries) {
			super(delegate);
			this.delegate = delegate;
			this.rivalries = rivalries;
		}

		@Override
		public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
			if (this.attempts.incrementAndGet() <= this.rivalries) {
				this.delegate.append(after.stream(), deposit("rival"));
			}
			return super.appendAfter(after, data, command);
		}

	}

}
