package io.eventhorizon.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.process.Account.Credited;
import io.eventhorizon.process.Account.Debited;
import io.eventhorizon.testing.Latches;
import io.eventhorizon.testing.StreamContents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A process manager that, for each {@link TransferRequested} in {@code /transfers}, debits
 * one account and credits another: crashed at each step, answered with a lost reply, or
 * raced by a second instance, it debits and credits each transfer once, and money is
 * conserved. Each "instance" is what a process holds (its aggregates' cache, its process
 * manager and Reader); a crash throws it away and a restart builds a new one on the same
 * event log and snapshot store.
 */
public abstract class ProcessManagerContractTests {

	private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

	private static final SnapshotPerspective CURSOR = SnapshotPerspective.v1("transfers-process");

	private static final EventLineCodec TRANSFERS_CODEC = new EventLineCodec(TransferRequested.TYPES);

	private static final EventLineCodec ACCOUNTS_CODEC = new EventLineCodec(Account.TYPE.eventTypes());

	private final ExecutorService rival = Executors.newCachedThreadPool();

	private EventLog log;

	private SnapshotStore snapshots;

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

	/**
	 * Arms the event log so that the next append to {@code stream} is written but its writer
	 * cannot tell: it gets {@link AppendOutcomeUnknownException}.
	 * @param stream the stream
	 */
	protected abstract void loseTheAnswerOfTheNextAppendTo(StreamName stream);

	/**
	 * Ends every fault armed by {@link #loseTheAnswerOfTheNextAppendTo(StreamName)}.
	 */
	protected abstract void heal();

	@BeforeEach
	void openTwoAccounts() {
		this.log = newEventLog();
		this.snapshots = newSnapshotStore();
		this.log.bootstrap();
		this.log.createStream(Account.ACCOUNTS);
		this.log.createStream(TransferRequested.TRANSFERS);
		Aggregates<Account> accounts = aggregates();
		accounts.create("alice", Account.opening(100));
		accounts.create("bob", Account.opening(0));
	}

	@AfterEach
	void stopRival() {
		this.rival.shutdownNow();
	}

	@Test
	void aTransferIsDebitedAndCreditedOnceAndItsCursorMovesOn() {
		request(new TransferRequested("t-1", "alice", "bob", 30));
		Instance instance = new Instance();

		instance.reader.loadUntilRealtime();
		instance.reader.loadUntilRealtime();

		assertThat(instance.handled).as("handled once").hasValue(1);
		assertThat(instance.processManager.cursor()).isEqualTo(this.log.head(TransferRequested.TRANSFERS));
		assertTransfersAppliedOnce("t-1");
	}

	@Test
	void aCrashBeforeTheDebitIsRecoveredByTheRestartDebitingAndCreditingOnce() {
		crashThenRestart(Step.BEFORE_DEBIT);
	}

	@Test
	void aCrashAfterTheDebitBeforeTheCreditIsRecoveredByTheRestartDebitingOnceAndCrediting() {
		crashThenRestart(Step.AFTER_DEBIT);
	}

	@Test
	void aCrashAfterTheCreditBeforeTheCursorMovesWritesNothingTwiceAfterTheRestart() {
		crashThenRestart(Step.AFTER_CREDIT);
	}

	@Test
	void aLostAnswerOnTheCreditsPutIsSettledByItsKeyWhenTheEntryIsHandledAgain() {
		request(new TransferRequested("t-1", "alice", "bob", 30));
		Instance instance = new Instance();
		// Bob cached: the entry handled again first appends on stale state, conflicts, reloads and finds the key.
		instance.accounts.query("bob", Account::balance);
		loseTheAnswerOfTheNextAppendTo(Account.ACCOUNTS.child("bob"));

		assertThatExceptionOfType(AppendOutcomeUnknownException.class)
			.isThrownBy(instance.reader::loadUntilRealtime);
		heal();
		assertThat(credits("bob")).as("the credit was written although its writer could not tell").hasSize(1);
		instance.reader.loadUntilRealtime();

		assertThat(instance.processManager.cursor()).isEqualTo(this.log.head(TransferRequested.TRANSFERS));
		assertTransfersAppliedOnce("t-1");
		new Instance().reader.loadUntilRealtime();
		assertTransfersAppliedOnce("t-1");
	}

	@Test
	void twoInstancesHandlingOneTransferAtOnceDebitAndCreditItOnce() throws Exception {
		request(new TransferRequested("t-1", "alice", "bob", 30));
		CyclicBarrier bothValidatedTheDebit = new CyclicBarrier(2);
		Instance first = new Instance();
		Instance second = new Instance();
		first.beforeFirstDebitCommits = bothValidatedTheDebit;
		second.beforeFirstDebitCommits = bothValidatedTheDebit;

		Future<Integer> onSecond = this.rival.submit(second.reader::loadUntilRealtime);
		first.reader.loadUntilRealtime();
		onSecond.get(10, TimeUnit.SECONDS);

		assertThat(first.handled.get() + second.handled.get()).as("both handled the transfer").isEqualTo(2);
		assertThat(first.debitRuns.get() + second.debitRuns.get())
			.as("both validated the debit; the loser's retry found the key and did not run").isEqualTo(2);
		assertTransfersAppliedOnce("t-1");
	}

	private void crashThenRestart(Step crashAt) {
		request(new TransferRequested("t-1", "alice", "bob", 30));
		Instance crashing = new Instance();
		crashing.reader.loadUntilRealtime();
		request(new TransferRequested("t-2", "alice", "bob", 20));
		crashing.crashAt.set(crashAt);

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(crashing.reader::loadUntilRealtime);
		Instance restarted = new Instance();
		restarted.reader.loadUntilRealtime();

		assertThat(restarted.handled).as("went on from the stored cursor: t-1 was not handled again").hasValue(1);
		assertThat(restarted.processManager.cursor()).isEqualTo(this.log.head(TransferRequested.TRANSFERS));
		assertTransfersAppliedOnce("t-1", "t-2");
	}

	private void assertTransfersAppliedOnce(String... transfers) {
		assertThat(debits("alice")).extracting(Debited::transfer).containsExactly(transfers);
		assertThat(credits("bob")).extracting(Credited::transfer).containsExactly(transfers);
		Aggregates<Account> fresh = aggregates();
		long alice = fresh.query("alice", Account::balance);
		long bob = fresh.query("bob", Account::balance);
		assertThat(alice + bob).as("money is conserved").isEqualTo(100);
		assertThat(bob).isEqualTo(debits("alice").stream().mapToLong(Debited::amount).sum());
	}

	private List<Debited> debits(String account) {
		return payloads(account).stream().filter(Debited.class::isInstance).map(Debited.class::cast).toList();
	}

	private List<Credited> credits(String account) {
		return payloads(account).stream().filter(Credited.class::isInstance).map(Credited.class::cast).toList();
	}

	private List<Object> payloads(String account) {
		return StreamContents.payloads(this.log, ACCOUNTS_CODEC, Account.ACCOUNTS.child(account));
	}

	private void request(TransferRequested transfer) {
		this.log.appendAfter(this.log.head(TransferRequested.TRANSFERS),
				TRANSFERS_CODEC.encode(List.of(Event.of(transfer, EventMeta.system(Instant.now())))));
	}

	private Aggregates<Account> aggregates() {
		return Aggregates.builder(Account.TYPE, this.log).transactWritePolicy(QUICK).build();
	}

	private enum Step {

		BEFORE_DEBIT, AFTER_DEBIT, AFTER_CREDIT

	}

	/** What one process of the application holds: its aggregates, process manager and Reader. */
	private final class Instance {

		final Aggregates<Account> accounts = aggregates();

		final AtomicReference<@Nullable Step> crashAt = new AtomicReference<>();

		final AtomicInteger handled = new AtomicInteger();

		final AtomicInteger debitRuns = new AtomicInteger();

		volatile @Nullable CyclicBarrier beforeFirstDebitCommits;

		final ProcessManager processManager = ProcessManager
			.builder("transfers", TransferRequested.TRANSFERS, TransferRequested.TYPES, this::transfer)
			.cursorSnapshots(CURSOR)
			.build();

		final Reader reader = Reader.builder(this.processManager, ProcessManagerContractTests.this.log)
			.snapshotStore(ProcessManagerContractTests.this.snapshots)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.build();

		private void transfer(SourceEvent source) {
			if (!(source.payload() instanceof TransferRequested transfer)) {
				return;
			}
			this.handled.incrementAndGet();
			crashIfAt(Step.BEFORE_DEBIT);
			this.accounts.execute(transfer.from(), source.key("debit"), Long.class, (account, events) -> {
				this.debitRuns.incrementAndGet();
				Long balance = Account.debit(transfer.id(), transfer.amount()).handle(account, events);
				awaitRivalOnce();
				return balance;
			});
			crashIfAt(Step.AFTER_DEBIT);
			this.accounts.execute(transfer.to(), source.key("credit"), Long.class,
					Account.credit(transfer.id(), transfer.amount()));
			crashIfAt(Step.AFTER_CREDIT);
		}

		private void crashIfAt(Step step) {
			if (this.crashAt.compareAndSet(step, null)) {
				throw new SimulatedCrash(step);
			}
		}

		private void awaitRivalOnce() {
			CyclicBarrier barrier = this.beforeFirstDebitCommits;
			if (barrier == null) {
				return;
			}
			this.beforeFirstDebitCommits = null;
			Latches.await(barrier);
		}

	}

	private static final class SimulatedCrash extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SimulatedCrash(Step step) {
			super("Simulated crash " + step);
		}

	}

}
