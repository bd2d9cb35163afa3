package io.eventhorizon.aggregate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.aggregate.Account.InsufficientFundsException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Opened;
import io.eventhorizon.testing.BankEvents.Withdrawn;
import io.eventhorizon.testing.ForwardingEventLog;
import io.eventhorizon.testing.Latches;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Aggregates, one stream each, commanded by two instances on one event log: a conflict
 * refreshes and validates again, different aggregates never conflict, a stale cache never
 * writes nor rejects on stale state, keys commit once, snapshots shorten loads. The
 * interleavings are forced with latches and barriers.
 */
public abstract class AggregatesContractTests {

	private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

	private final ExecutorService rival = Executors.newCachedThreadPool();

	/**
	 * Returns a new, empty event log.
	 * @return the event log
	 */
	protected abstract EventLog newEventLog();

	/**
	 * Returns a new snapshot store, empty or shared with the event log's storage.
	 * @return the snapshot store
	 */
	protected abstract SnapshotStore newSnapshotStore();

	@AfterEach
	void stopRival() {
		this.rival.shutdownNow();
	}

	@Test
	void twoInstancesWithdrawingFromOneAccountAtOnceNeverOverdrawIt() throws Exception {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		second.query("acc-1", Account::balance);
		CountDownLatch firstValidated = new CountDownLatch(1);
		CountDownLatch secondCommitted = new CountDownLatch(1);
		AtomicInteger firstRuns = new AtomicInteger();

		Future<Long> secondWithdrawal = this.rival.submit(() -> {
			Latches.await(firstValidated);
			try {
				return second.execute("acc-1", withdraw(70));
			}
			finally {
				secondCommitted.countDown();
			}
		});
		assertThatExceptionOfType(InsufficientFundsException.class)
			.isThrownBy(() -> first.execute("acc-1", (account, events) -> {
				boolean firstRun = firstRuns.incrementAndGet() == 1;
				Long balance = withdraw(70).handle(account, events);
				if (firstRun) {
					firstValidated.countDown();
					Latches.await(secondCommitted);
				}
				return balance;
			}))
			.withMessage("Cannot withdraw 70 from a balance of 30");

		assertThat(secondWithdrawal.get(10, TimeUnit.SECONDS)).isEqualTo(30);
		assertThat(firstRuns).hasValue(2);
		assertThat(payloads(log, "acc-1")).filteredOn(Withdrawn.class::isInstance).hasSize(1);
		assertThat(instance(log).query("acc-1", Account::balance)).isEqualTo(30);
	}

	@Test
	void commandsOnDifferentAccountsAtTheSameTimeNeverConflict() throws Exception {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		open(second, "acc-2", 100);
		CyclicBarrier bothValidated = new CyclicBarrier(2);
		AtomicInteger runs = new AtomicInteger();
		AggregateCommand<Account, Long> withdrawTogether = (account, events) -> {
			runs.incrementAndGet();
			Long balance = withdraw(40).handle(account, events);
			await(bothValidated);
			return balance;
		};

		Future<Long> onFirst = this.rival.submit(() -> first.execute("acc-1", withdrawTogether));
		Long onSecond = second.execute("acc-2", withdrawTogether);

		assertThat(onFirst.get(10, TimeUnit.SECONDS)).isEqualTo(60);
		assertThat(onSecond).isEqualTo(60);
		assertThat(runs).as("no command ran twice: none conflicted").hasValue(2);
	}

	@Test
	void aCommandOnAStaleCachedAccountConflictsRefreshesItAndSucceeds() {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		second.execute("acc-1", deposit(50));
		List<Long> balancesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

		Long balance = first.execute("acc-1", (account, events) -> {
			balancesSeen.add(account.balance());
			return deposit(10).handle(account, events);
		});

		assertThat(balancesSeen).containsExactly(100L, 150L);
		assertThat(balance).isEqualTo(160);
		assertThat(instance(log).query("acc-1", Account::balance)).isEqualTo(160);
	}

	@Test
	void aCommandRejectedOnAStaleCachedAccountIsJudgedAgainOnTheNewestState() {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		second.execute("acc-1", deposit(50));

		Long balance = first.execute("acc-1", withdraw(120));

		assertThat(balance).isEqualTo(30);
		assertThat(instance(log).query("acc-1", Account::balance)).isEqualTo(30);
	}

	@Test
	void aCommandThatQueriesItsOwnStaleCachedAccountNeverOverdrawsIt() {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		second.execute("acc-1", withdraw(100));

		// The helper reads the balance through the Aggregates, as a service method would: that
		// refreshes the cached account while the command validates on what it read before.
		assertThatExceptionOfType(InsufficientFundsException.class)
			.isThrownBy(() -> first.execute("acc-1", (account, events) -> {
				long validated = account.balance();
				long current = first.query("acc-1", Account::balance);
				if (validated < 100) {
					throw new InsufficientFundsException(validated, 100);
				}
				events.append(new Withdrawn("w", 100));
				return current;
			}));

		assertThat(payloads(log, "acc-1")).filteredOn(Withdrawn.class::isInstance).hasSize(1);
		assertThat(instance(log).query("acc-1", Account::balance)).isZero();
	}

	@Test
	void aRejectionOnACurrentAccountIsFinalAndWritesNothing() {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		open(first, "acc-1", 100);

		assertThatExceptionOfType(InsufficientFundsException.class)
			.isThrownBy(() -> first.execute("acc-1", withdraw(120)));

		assertThat(payloads(log, "acc-1")).filteredOn(Withdrawn.class::isInstance).isEmpty();
	}

	@Test
	void twoInstancesRunningOneIdempotencyKeyAtOnceCommitItOnce() throws Exception {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		open(first, "acc-1", 100);
		second.query("acc-1", Account::balance);
		IdempotencyKey key = IdempotencyKey.of("withdraw-1");
		CountDownLatch firstValidated = new CountDownLatch(1);
		CountDownLatch secondCommitted = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();

		Future<Long> secondRun = this.rival.submit(() -> {
			Latches.await(firstValidated);
			try {
				return second.execute("acc-1", key, Long.class, (account, events) -> {
					runs.incrementAndGet();
					return withdraw(30).handle(account, events);
				});
			}
			finally {
				secondCommitted.countDown();
			}
		});
		Long firstResult = first.execute("acc-1", key, Long.class, (account, events) -> {
			runs.incrementAndGet();
			Long balance = withdraw(30).handle(account, events);
			firstValidated.countDown();
			Latches.await(secondCommitted);
			return balance;
		});

		assertThat(secondRun.get(10, TimeUnit.SECONDS)).isEqualTo(70);
		assertThat(firstResult).as("the first commit's result").isEqualTo(70);
		assertThat(runs).as("the first instance's retry found the key and did not run").hasValue(2);
		assertThat(payloads(log, "acc-1")).filteredOn(Withdrawn.class::isInstance).hasSize(1);
		Long repeat = instance(log).execute("acc-1", key, Long.class, (account, events) -> {
			throw new AssertionError("a repeat of a committed key must not run");
		});
		assertThat(repeat).isEqualTo(70);
	}

	@Test
	void twoInstancesCreatingOneAccountAtOnceCreateItOnce() throws Exception {
		EventLog log = bank();
		Aggregates<Account> first = instance(log);
		Aggregates<Account> second = instance(log);
		CountDownLatch firstValidated = new CountDownLatch(1);
		CountDownLatch secondCreated = new CountDownLatch(1);

		Future<String> secondCreation = this.rival.submit(() -> {
			Latches.await(firstValidated);
			try {
				return second.create("acc-9", opening("bob", 0));
			}
			finally {
				secondCreated.countDown();
			}
		});
		assertThatExceptionOfType(StreamAlreadyExistsException.class)
			.isThrownBy(() -> first.create("acc-9", (account, events) -> {
				String owner = opening("alice", 0).handle(account, events);
				firstValidated.countDown();
				Latches.await(secondCreated);
				return owner;
			}))
			.withMessageContaining("/accounts/acc-9");

		assertThat(secondCreation.get(10, TimeUnit.SECONDS)).isEqualTo("bob");
		assertThat(payloads(log, "acc-9")).filteredOn(Opened.class::isInstance)
			.containsExactly(new Opened("acc", "bob"));
	}

	@Test
	void aCreationThatCrashedAfterCreatingTheStreamIsFinishedByTheNextOne() {
		EventLog log = bank();
		log.createStream(Account.ACCOUNTS.child("acc-9"));

		String owner = instance(log).create("acc-9", opening("alice", 10));

		assertThat(owner).isEqualTo("alice");
		assertThat(instance(log).query("acc-9", Account::balance)).isEqualTo(10);
	}

	@Test
	void aRepeatedKeyedCreationAnswersWithTheFirstResult() {
		EventLog log = bank();
		IdempotencyKey key = IdempotencyKey.of("open-acc-9");
		instance(log).create("acc-9", key, String.class, opening("alice", 10));

		String repeat = instance(log).create("acc-9", key, String.class, opening("mallory", 99));

		assertThat(repeat).isEqualTo("alice");
		assertThat(payloads(log, "acc-9")).filteredOn(Opened.class::isInstance).hasSize(1);
	}

	@Test
	void aCommandOnAnAccountThatDoesNotExistNamesItsStream() {
		EventLog log = bank();

		assertThatExceptionOfType(StreamNotFoundException.class)
			.isThrownBy(() -> instance(log).execute("acc-404", deposit(1)))
			.withMessageContaining("/accounts/acc-404");
	}

	@Test
	void anIdThatIsNotAStreamNameSegmentIsRefusedBeforeAnythingIsWritten() {
		EventLog log = bank();

		assertThatExceptionOfType(InvalidStreamNameException.class)
			.isThrownBy(() -> instance(log).create("acc/1", opening("alice", 0)))
			.withMessageContaining("acc/1");
		assertThat(StreamContents.versions(log, Account.ACCOUNTS)).hasSize(1);
	}

	@Test
	void anAccountIsSnapshottedEveryThreeEntriesAndAFreshInstanceLoadsTheSnapshotAndTheTail() {
		EventLog log = bank();
		SnapshotStore snapshots = newSnapshotStore();
		Aggregates<Account> first = snapshotting(log, snapshots, 3);
		open(first, "acc-1", 100);                  // @1, three entries with @0: a snapshot is due at @2
		for (int deposit = 2; deposit <= 6; deposit++) {
			first.execute("acc-1", deposit(1));     // @2 (snapshot) to @6, with a snapshot at @5
		}

		StreamName stream = Account.ACCOUNTS.child("acc-1");
		assertThat(snapshots.read(stream, SnapshotPerspective.v1("account")))
			.hasValueSatisfying((snapshot) -> assertThat(snapshot.cursor()).isEqualTo(stream.at(5)));
		EntriesRead counting = new EntriesRead(log);
		Aggregates<Account> fresh = snapshotting(counting, snapshots, 3);
		assertThat(fresh.query("acc-1", Account::balance)).isEqualTo(105);
		assertThat(counting.entries).as("only the entry after the snapshot").hasValue(1);
	}

	protected EventLog bank() {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(Account.ACCOUNTS);
		return log;
	}

	protected static Aggregates<Account> instance(EventLog log) {
		return Aggregates.builder(Account.type(), log).codec(BankEvents.CODEC).transactWritePolicy(QUICK).build();
	}

	private static Aggregates<Account> snapshotting(EventLog log, SnapshotStore snapshots, long every) {
		return Aggregates.builder(Account.snapshottedEvery(every), log)
			.snapshotStore(snapshots)
			.snapshotExecutor(Runnable::run)
			.transactWritePolicy(QUICK)
			.build();
	}

	protected static void open(Aggregates<Account> accounts, String id, long balance) {
		accounts.create(id, opening("alice", balance));
	}

	private static AggregateCommand<Account, String> opening(String owner, long balance) {
		return (account, events) -> {
			events.append(new Opened("acc", owner));
			if (balance > 0) {
				events.append(new Deposited("opening", balance));
			}
			return owner;
		};
	}

	static AggregateCommand<Account, Long> deposit(long amount) {
		return (account, events) -> {
			events.append(new Deposited("d", amount));
			return account.balance() + amount;
		};
	}

	static AggregateCommand<Account, Long> withdraw(long amount) {
		return (account, events) -> {
			if (account.balance() < amount) {
				throw new InsufficientFundsException(account.balance(), amount);
			}
			events.append(new Withdrawn("w", amount));
			return account.balance() - amount;
		};
	}

	private static List<Object> payloads(EventLog log, String id) {
		return StreamContents.payloads(log, BankEvents.CODEC, Account.ACCOUNTS.child(id));
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The other command did not reach the barrier", ex);
		}
	}

	/** Counts the entries read through it. */
	static final class EntriesRead extends ForwardingEventLog {

		final AtomicLong entries = new AtomicLong();

		EntriesRead(EventLog delegate) {
			super(delegate);
		}

		@Override
		public ReadResult read(Cursor after) {
			ReadResult page = super.read(after);
			this.entries.addAndGet(page.entries().size());
			return page;
		}

	}

}
