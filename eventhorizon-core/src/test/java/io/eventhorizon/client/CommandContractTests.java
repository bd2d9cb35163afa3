package io.eventhorizon.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Withdrawn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Commands through {@link Reader#transactWrite}: an attempt is written whole or not at all,
 * a retried attempt repeats nothing of an earlier one, and a command with an idempotency
 * key is committed once, whichever instance runs it and however often. Every story has two
 * actors, their interleaving forced by latches and barriers.
 */
public abstract class CommandContractTests {

	private static final StreamName ACCOUNT = StreamName.of("/a1");

	private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

	private final ExecutorService rival = Executors.newCachedThreadPool();

	/**
	 * Returns a new, empty event log.
	 * @return the event log
	 */
	protected abstract EventLog newEventLog();

	@AfterEach
	void stopRival() {
		this.rival.shutdownNow();
	}

	@Test
	void anAttemptThatLosesItsRaceAfterTwoAppendsIsWrittenOnceAsOneEntry() throws Exception {
		EventLog log = openedAccount(500);
		BankAccount account = new BankAccount(ACCOUNT);
		Reader reader = Reader.builder(account, log).transactWritePolicy(QUICK).build();
		AtomicInteger attempts = new AtomicInteger();

		reader.transactWrite((attempt) -> {
			attempt.append(encode(new Deposited("fee-refund", 5)));
			if (attempts.incrementAndGet() == 1) {
				// Between our two appends, another writer commits.
				await(this.rival.submit(() -> log.append(ACCOUNT, encode(new Deposited("rival", 1)))));
			}
			return attempt.append(encode(new Withdrawn("fee", 30)));
		});

		assertThat(attempts).hasValue(2);
		assertThat(linesAfterOpening(log)).containsExactly(
				List.of("account.Deposited {\"id\":\"rival\",\"amount\":1}"),
				List.of("account.Deposited {\"id\":\"fee-refund\",\"amount\":5}",
						"account.Withdrawn {\"id\":\"fee\",\"amount\":30}"));
		assertThat(account.history()).containsExactly("+500 by opening", "+1 by rival", "+5 by fee-refund",
				"-30 by fee");
	}

	@Test
	void anAttemptThatAppendsToASecondStreamIsRefusedAndWritesNothing() {
		EventLog log = openedAccount(500);
		log.createStream(StreamName.of("/a2"));
		Reader reader = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build();

		assertThatExceptionOfType(MultiStreamAttemptException.class).isThrownBy(() -> reader.transactWrite((attempt) -> {
			attempt.append(encode(new Withdrawn("a1", 100)));
			return attempt.append(StreamName.of("/a2"), encode(new Deposited("a1", 100)));
		})).withMessageStartingWith("An attempt commits one entry to one stream, but it appended to /a1 and then to /a2");

		assertThat(log.head(ACCOUNT)).isEqualTo(ACCOUNT.at(1));
		assertThat(log.head(StreamName.of("/a2"))).isEqualTo(StreamName.of("/a2").at(0));
	}

	@Test
	void aRepeatedKeyReturnsTheFirstResultAndWritesNothing() {
		EventLog log = openedAccount(500);
		Reader reader = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build();
		IdempotencyKey key = IdempotencyKey.of("withdraw-7f3a");

		String first = withdraw(reader, key, 100);
		String repeat = withdraw(reader, key, 100);

		assertThat(repeat).isEqualTo(first);
		assertThat(linesAfterOpening(log)).hasSize(1);
	}

	@Test
	void aRepeatOnAnotherInstanceOrAfterARestartFromASnapshotFindsTheKey() {
		EventLog log = openedAccount(500);
		IdempotencyKey key = IdempotencyKey.of("withdraw-9c41");
		String first = withdraw(Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build(), key,
				100);
		for (int i = 0; i < 5; i++) {
			log.append(ACCOUNT, encode(new Deposited("later-" + i, 1)));
		}
		InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
		snapshots.write(Snapshot.of(ACCOUNT.at(7), SnapshottingAccount.PERSPECTIVE, "300".getBytes(UTF_8)));

		// Another instance, and a restarted one whose processor starts from the snapshot at the head.
		String onAnotherInstance = withdraw(
				Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build(), key, 100);
		SnapshottingAccount restarted = new SnapshottingAccount(ACCOUNT);
		Reader restartedReader = Reader.builder(restarted, log).snapshotStore(snapshots).transactWritePolicy(QUICK)
			.build();
		String afterRestart = withdraw(restartedReader, key, 100);

		assertThat(onAnotherInstance).isEqualTo(first);
		assertThat(afterRestart).isEqualTo(first);
		assertThat(restarted.balance()).isEqualTo(300);
		assertThat(restarted.entriesApplied()).isZero();
		assertThat(log.head(ACCOUNT)).isEqualTo(ACCOUNT.at(7));
	}

	@Test
	void twoInstancesRunningOneKeyAtOnceCommitItOnceAndAnswerAlike() throws Exception {
		EventLog log = openedAccount(500);
		IdempotencyKey key = IdempotencyKey.of("withdraw-both");
		CyclicBarrier bothValidated = new CyclicBarrier(2);
		List<Future<String>> results = new ArrayList<>();
		for (int instance = 0; instance < 2; instance++) {
			Reader reader = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build();
			AtomicInteger attempts = new AtomicInteger();
			results.add(this.rival.submit(() -> reader.transactWrite(key, String.class, (attempt) -> {
				if (attempts.incrementAndGet() == 1) {
					// Both have validated before either commits.
					await(bothValidated);
				}
				attempt.append(encode(new Withdrawn("both", 100)));
				return "receipt-" + UUID.randomUUID();
			})));
		}

		String one = results.get(0).get(10, TimeUnit.SECONDS);
		String other = results.get(1).get(10, TimeUnit.SECONDS);

		assertThat(one).isEqualTo(other);
		assertThat(linesAfterOpening(log)).hasSize(1);
	}

	@Test
	void aResultThatCannotBeReadBackIsRefusedBeforeAnythingIsWritten() {
		EventLog log = openedAccount(500);
		Reader reader = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build();

		assertThatIllegalStateException()
			.isThrownBy(() -> reader.transactWrite(IdempotencyKey.of("withdraw-opaque"), Opaque.class, (attempt) -> {
				attempt.append(encode(new Withdrawn("w", 100)));
				return new Opaque(100);
			}))
			.withMessageStartingWith("The result of the command with idempotency key withdraw-opaque cannot be stored "
					+ "and read back as JSON");
		assertThat(linesAfterOpening(log)).isEmpty();
	}

	/** A result Jackson writes as {} and cannot create again: it has no creator. */
	static final class Opaque {

		private final long amount;

		Opaque(long amount) {
			this.amount = amount;
		}

		long amount() {
			return this.amount;
		}

	}

	@Test
	void aKeyOlderThanTheWindowRunsAgain() {
		EventLog log = openedAccount(500);
		Reader reader = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).idempotencyWindow(3)
			.build();
		IdempotencyKey key = IdempotencyKey.of("withdraw-old");
		String first = withdraw(reader, key, 100);
		for (int i = 0; i < 3; i++) {
			log.append(ACCOUNT, encode(new Deposited("later-" + i, 1)));
		}

		String again = withdraw(reader, key, 100);

		assertThat(again).isNotEqualTo(first);
		assertThat(linesAfterOpening(log)).hasSize(5);
	}

	@Test
	void aCommandRunInsideAnotherCommandIsNotWrittenAgainWhenTheOuterAttemptRetries() {
		EventLog log = openedAccount(500);
		StreamName savings = StreamName.of("/a2");
		log.createStream(savings);
		Reader checking = Reader.builder(new BankAccount(ACCOUNT), log).transactWritePolicy(QUICK).build();
		Reader savingsReader = Reader.builder(new BankAccount(savings), log).transactWritePolicy(QUICK).build();
		AtomicInteger attempts = new AtomicInteger();

		Throwable failure = catchThrowable(() -> checking.transactWrite((attempt) -> {
			// A transfer: the savings deposit is a command of its own, run inside this one.
			savingsReader.transactWrite(
					(savingsAttempt) -> savingsAttempt.append(encode(new Deposited("transfer", 100))));
			if (attempts.incrementAndGet() == 1) {
				// Before the outer attempt commits, another writer commits to its stream.
				await(this.rival.submit(() -> log.append(ACCOUNT, encode(new Deposited("rival", 1)))));
			}
			return attempt.append(encode(new Withdrawn("transfer", 100)));
		}));

		assertThat(log.head(savings).version())
			.as("deposits in /a2 (the outer command %s)", (failure != null) ? "failed: " + failure : "succeeded")
			.isLessThanOrEqualTo(1);
	}

	@Test
	void aCommittedCommandIsNotReportedAsFailedWhenItsProcessorStumblesOnTheEntry() {
		EventLog log = openedAccount(500);
		AtomicBoolean databaseBlipped = new AtomicBoolean();
		BankAccount account = new BankAccount(ACCOUNT) {

			@Override
			protected void apply(Event event) {
				// The read model's store fails once, as the command's entry arrives.
				if (event.payload() instanceof Withdrawn && databaseBlipped.compareAndSet(false, true)) {
					throw new IllegalStateException("read model store briefly unavailable");
				}
				super.apply(event);
			}

		};
		Reader reader = Reader.builder(account, log).transactWritePolicy(QUICK).build();

		Throwable failure = catchThrowable(
				() -> reader.transactWrite((attempt) -> attempt.append(encode(new Withdrawn("atm", 100)))));

		assertThat(linesAfterOpening(log)).as("the command's entry").hasSize(1);
		assertThat(failure).as("what the caller of the committed command was told").isNull();
		reader.loadUntilRealtime();
		assertThat(account.balance()).isEqualTo(400);
	}

	private static String withdraw(Reader reader, IdempotencyKey key, long amount) {
		return reader.transactWrite(key, String.class, (attempt) -> {
			attempt.append(encode(new Withdrawn("w", amount)));
			return "receipt-" + UUID.randomUUID();
		});
	}

	private EventLog openedAccount(long opening) {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(ACCOUNT);
		log.append(ACCOUNT, encode(new Deposited("opening", opening)));
		return log;
	}

	private static List<List<String>> linesAfterOpening(EventLog log) {
		List<List<String>> entries = new ArrayList<>();
		Cursor after = ACCOUNT.at(1);
		ReadResult page;
		do {
			page = log.read(after);
			for (LogEntry entry : page.entries()) {
				entries.add(BankEvents.CODEC.decode(entry).events().stream()
					.map((event) -> BankEvents.TYPES.nameOf(event.payload().getClass()) + " "
							+ BankEvents.CODEC.jsonMapper().writeValueAsString(event.payload()))
					.toList());
			}
			after = page.lastEntry();
		}
		while (page.more());
		return entries;
	}

	private static LogData encode(Object payload) {
		return BankEvents.CODEC.encode(List.of(Event.of(payload, EventMeta.system(Instant.parse("2026-11-28T08:00:00Z")))));
	}

	private static <T> T await(Future<T> future) {
		try {
			return future.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An account balance restored from snapshots. */
	static final class SnapshottingAccount extends InMemoryProcessor {

		static final SnapshotPerspective PERSPECTIVE = SnapshotPerspective.parse("account:v1");

		private long balance;

		private int entriesApplied;

		SnapshottingAccount(StreamName stream) {
			super(stream, PERSPECTIVE);
		}

		@Override
		public EventTypes eventTypes() {
			return BankEvents.TYPES;
		}

		@Override
		protected void apply(Event event) {
			this.entriesApplied++;
			if (event.payload() instanceof Withdrawn withdrawn) {
				this.balance -= withdrawn.amount();
			}
			else if (event.payload() instanceof Deposited deposited) {
				this.balance += deposited.amount();
			}
		}

		@Override
		protected byte[] snapshotState() {
			return Long.toString(this.balance).getBytes(UTF_8);
		}

		@Override
		protected void restoreState(byte[] data) {
			this.balance = Long.parseLong(new String(data, UTF_8));
		}

		long balance() {
			return this.balance;
		}

		int entriesApplied() {
			return this.entriesApplied;
		}

	}

}
