package io.eventhorizon.client;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.eventhorizon.client.Tally.Mark;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.client.Tally.STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * With the poison policy SKIP, only an entry that fails the same way again and again is
 * skipped; a passing failure (a lost connection, a deadlock) is tried again, never skipped.
 */
class ReaderPoisonPolicyTests {

	private static final EventLineCodec CODEC = new EventLineCodec(Tally.TYPES);

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	@BeforeEach
	void createTheStream() {
		this.eventLog.bootstrap();
		this.eventLog.createStream(STREAM);
	}

	@Test
	void aPassingFailureIsTriedAgainAndTheEntryAppliedNeverSkipped() {
		AtomicInteger failuresLeft = new AtomicInteger(5);
		Tally tally = new Tally().beforeApplying((mark) -> {
			if (mark.equals("m") && failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("Could not store m",
						new SQLTransientConnectionException("Connection is not available, request timed out"));
			}
		});
		Reader reader = skipping(tally);
		append("m");

		for (int load = 1; load <= 5; load++) {
			assertThatIllegalStateException().as("load %d", load).isThrownBy(reader::loadUntilRealtime);
		}
		reader.loadUntilRealtime();

		assertThat(tally.marks()).containsExactly("m");
		assertThat(reader.stats().poisonedEntries()).isZero();
	}

	@Test
	void aDeterministicFailureIsSkippedAfterFailingThreeLoadsInARow() {
		Tally tally = new Tally().beforeApplying(failOn("poison", () -> new IllegalArgumentException("Bad mark")));
		Reader reader = skipping(tally);
		append("one");
		append("poison");
		append("three");

		loadFailsOnTheBadMark(reader);
		loadFailsOnTheBadMark(reader);
		reader.loadUntilRealtime();

		assertThat(tally.marks()).containsExactly("one", "three");
		assertThat(reader.stats().poisonedEntries()).isEqualTo(1);
	}

	@Test
	void aPassingFailureInBetweenStartsTheCountAgain() {
		AtomicInteger attempt = new AtomicInteger();
		Tally tally = new Tally().beforeApplying((mark) -> {
			if (attempt.incrementAndGet() == 3) {
				throw new IllegalStateException("Deadlock", new SQLException("deadlock detected", "40P01"));
			}
			throw new IllegalArgumentException("Bad mark");
		});
		Reader reader = skipping(tally);
		append("poison");

		loadFailsOnTheBadMark(reader);
		loadFailsOnTheBadMark(reader);
		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime).withMessage("Deadlock");
		loadFailsOnTheBadMark(reader);
		loadFailsOnTheBadMark(reader);
		assertThat(reader.stats().poisonedEntries()).isZero();

		reader.loadUntilRealtime();
		assertThat(reader.stats().poisonedEntries()).isEqualTo(1);
	}

	@Test
	void theClassifierAndTheNumberOfAttemptsCanBeChosen() {
		Tally tally = new Tally().beforeApplying(failOn("poison", () -> new IllegalStateException("Timed out")));
		Reader reader = Reader.builder(tally, this.eventLog)
			.poisonPolicy(PoisonPolicy.SKIP)
			.failureClassifier((failure) -> failure.getMessage().startsWith("Timed out"))
			.poisonAttempts(1)
			.build();
		append("poison");

		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime);
		tally.beforeApplying(failOn("poison", () -> new IllegalStateException("Bad mark")));
		reader.loadUntilRealtime();

		assertThat(reader.stats().poisonedEntries()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> Reader.builder(tally, this.eventLog).poisonAttempts(0))
			.withMessage("poisonAttempts must be at least 1, was 0");
	}

	private Reader skipping(Tally tally) {
		return Reader.builder(tally, this.eventLog).poisonPolicy(PoisonPolicy.SKIP).build();
	}

	private void append(String mark) {
		this.eventLog.append(STREAM, CODEC.encode(List.of(Event.of(new Mark(mark), EventMeta.system(Instant.EPOCH)))));
	}

	private static Consumer<String> failOn(String failing, Supplier<RuntimeException> failure) {
		return (mark) -> {
			if (mark.equals(failing)) {
				throw failure.get();
			}
		};
	}

	private static void loadFailsOnTheBadMark(Reader reader) {
		assertThatIllegalArgumentException().isThrownBy(reader::loadUntilRealtime).withMessage("Bad mark");
	}

}
