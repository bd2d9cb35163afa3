package io.eventhorizon.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Withdrawn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers used from several threads at once, as a synchronizer and request threads use
 * them: every transactWrite succeeds or fails cleanly, nothing is lost or applied twice,
 * and every read model equals a fresh replay.
 */
public abstract class ReaderConcurrencyContractTests {

	private static final StreamName ACCOUNT = StreamName.of("/a1");

	private static final RetryPolicy PATIENT = new RetryPolicy(8, Duration.ofMillis(1), Duration.ofMillis(20));

	/**
	 * Returns a new, empty event log.
	 * @return the event log
	 */
	protected abstract EventLog newEventLog();

	@Test
	void synchronizersAndTransactWritesOnTwoReadersKeepTheAccountConsistent() throws Exception {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(ACCOUNT);
		log.append(ACCOUNT, BankEvents.CODEC.encode(List.of(event(new Deposited("opening", 500)))));
		BankAccount mine = new BankAccount(ACCOUNT);
		BankAccount theirs = new BankAccount(ACCOUNT);
		Outcomes outcomes = new Outcomes();
		Reader myReader = Reader.builder(mine, log).transactWritePolicy(PATIENT).listener(outcomes).build();
		Reader theirReader = Reader.builder(theirs, log).transactWritePolicy(PATIENT).listener(outcomes).build();
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> synchronizers = List.of(threads.submit(() -> synchronize(myReader, writing)),
					threads.submit(() -> synchronize(theirReader, writing)));
			List<Future<?>> writers = new ArrayList<>();
			for (int thread = 0; thread < 2; thread++) {
				writers.add(threads.submit(() -> withdrawals(myReader, mine, log, 50, outcomes)));
			}
			writers.add(threads.submit(() -> deposits(theirReader, theirs, log, 50, outcomes)));
			for (Future<?> writer : writers) {
				writer.get(5, TimeUnit.MINUTES);
			}
			writing.set(false);
			for (Future<?> synchronizer : synchronizers) {
				synchronizer.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		BankAccount replay = new BankAccount(ACCOUNT);
		Reader.builder(replay, log).build().loadUntilRealtime();
		myReader.loadUntilRealtime();
		theirReader.loadUntilRealtime();
		assertThat(outcomes.unexpected).isEmpty();
		assertThat(outcomes.withdrawn.get() + outcomes.refused.get() + outcomes.exhausted.get()).as(outcomes::toString)
			.isEqualTo(100);
		assertThat(outcomes.refused).as(outcomes::toString).hasPositiveValue();
		assertThat(mine.history()).isEqualTo(replay.history());
		assertThat(theirs.history()).isEqualTo(replay.history());
		assertThat(replay.history()).filteredOn((change) -> change.startsWith("-")).hasSize(outcomes.withdrawn.get());
		assertThat(replay.history()).filteredOn("+5 by theirs"::equals).hasSize(outcomes.deposited.get());
		assertThat(replay.lowestBalance()).isNotNegative();
		assertThat(replay.balance())
			.isEqualTo(500 - 10L * outcomes.withdrawn.get() + 5L * outcomes.deposited.get());
	}

	private static void synchronize(Reader reader, AtomicBoolean writing) {
		while (writing.get()) {
			reader.loadUntilRealtime();
			Thread.onSpinWait();
		}
	}

	// Each withdrawal validates the balance it sees and appends after the cursor it saw.
	private static void withdrawals(Reader reader, BankAccount account, EventLog log, int count, Outcomes outcomes) {
		for (int i = 0; i < count; i++) {
			try {
				reader.transactWrite((attempt) -> {
					if (account.balance() < 10) {
						throw new IllegalStateException("insufficient funds");
					}
					return attempt.append(
							BankEvents.CODEC.encode(List.of(event(new Withdrawn(Thread.currentThread().getName(), 10)))));
				});
				outcomes.withdrawn.incrementAndGet();
			}
			catch (IllegalStateException ex) {
				outcomes.refused.incrementAndGet();
			}
			catch (TransactWriteExhaustedException ex) {
				outcomes.exhausted.incrementAndGet();
			}
			catch (RuntimeException ex) {
				outcomes.unexpected.add(ex);
			}
		}
	}

	private static void deposits(Reader reader, BankAccount account, EventLog log, int count, Outcomes outcomes) {
		for (int i = 0; i < count; i++) {
			try {
				reader.transactWrite((attempt) -> attempt.append(
						BankEvents.CODEC.encode(List.of(event(new Deposited("theirs", 5))))));
				outcomes.deposited.incrementAndGet();
			}
			catch (TransactWriteExhaustedException ex) {
				// Clean: nothing was written.
			}
			catch (RuntimeException ex) {
				outcomes.unexpected.add(ex);
			}
		}
	}

	private static Event event(Object payload) {
		return Event.of(payload, EventMeta.system(Instant.now()));
	}

	private static final class Outcomes implements ReaderListener {

		final AtomicInteger conflicts = new AtomicInteger();

		final AtomicInteger withdrawn = new AtomicInteger();

		final AtomicInteger refused = new AtomicInteger();

		final AtomicInteger exhausted = new AtomicInteger();

		final AtomicInteger deposited = new AtomicInteger();

		final List<RuntimeException> unexpected = new CopyOnWriteArrayList<>();

		@Override
		public void conflict(int attempt, OptimisticLockingException conflict) {
			this.conflicts.incrementAndGet();
		}

		@Override
		public String toString() {
			return "withdrawn " + this.withdrawn + ", refused " + this.refused + ", exhausted " + this.exhausted
					+ ", deposited " + this.deposited + ", conflicts " + this.conflicts;
		}

	}

}
