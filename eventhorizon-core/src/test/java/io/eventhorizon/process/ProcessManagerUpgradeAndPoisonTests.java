package io.eventhorizon.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.client.PoisonPolicy;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.process.Account.Credited;
import io.eventhorizon.process.Account.Debited;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The transfer process manager where its keys or its cursor could let an effect be written
 * twice or never: a second instance running a newer version that knows one more event
 * type of the entry, and a failure after the debit under the poison policy SKIP.
 */
class ProcessManagerUpgradeAndPoisonTests {

	private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

	/** An event type only the newer version of the process manager knows. */
	@EventType("transfer.Approved")
	record TransferApproved(String id) {
	}

	private static final EventTypes NEWER_TYPES = EventTypes.of(TransferApproved.class, TransferRequested.class);

	private static final EventLineCodec ACCOUNTS_CODEC = new EventLineCodec(Account.TYPE.eventTypes());

	private EventLog log;

	@BeforeEach
	void openTwoAccounts() {
		this.log = new InMemoryEventLog();
		this.log.bootstrap();
		this.log.createStream(Account.ACCOUNTS);
		this.log.createStream(TransferRequested.TRANSFERS);
		Aggregates<Account> accounts = aggregates();
		accounts.create("alice", Account.opening(100));
		accounts.create("bob", Account.opening(0));
	}

	@Test
	void anInstanceOfANewerVersionKnowingOneMoreEventOfTheEntryFindsTheDebitTheOlderInstanceWrote() {
		// The entry approves and requests the transfer; the older version knows only the request.
		this.log.appendAfter(this.log.head(TransferRequested.TRANSFERS), new EventLineCodec(NEWER_TYPES)
			.encode(List.of(Event.of(new TransferApproved("t-1"), EventMeta.system(Instant.now())),
					Event.of(new TransferRequested("t-1", "alice", "bob", 30), EventMeta.system(Instant.now())))));
		AtomicBoolean crashAfterDebit = new AtomicBoolean(true);
		Aggregates<Account> olderAccounts = aggregates();
		ProcessManager older = ProcessManager.builder("transfers", TransferRequested.TRANSFERS, TransferRequested.TYPES,
				(source) -> transfer(olderAccounts, source, crashAfterDebit))
			.build();
		Aggregates<Account> newerAccounts = aggregates();
		ProcessManager newer = ProcessManager.builder("transfers", TransferRequested.TRANSFERS, NEWER_TYPES,
				(source) -> transfer(newerAccounts, source, new AtomicBoolean()))
			.build();

		assertThatIllegalStateException().isThrownBy(Reader.builder(older, this.log).build()::loadUntilRealtime)
			.withMessage("Simulated crash after the debit");
		Reader.builder(newer, this.log).build().loadUntilRealtime();

		assertThat(debits("alice")).as("the newer version found the older one's debit by its key")
			.extracting(Debited::transfer)
			.containsExactly("t-1");
		assertThat(credits("bob")).extracting(Credited::transfer).containsExactly("t-1");
	}

	@Test
	void aCreditRejectedOnEveryLoadUnderThePoisonPolicySkipNeverLeavesTheTransferHalfDone() {
		this.log.appendAfter(this.log.head(TransferRequested.TRANSFERS), new EventLineCodec(TransferRequested.TYPES)
			.encode(List.of(Event.of(new TransferRequested("t-1", "alice", "bob", 30), EventMeta.system(Instant.now())))));
		AtomicBoolean bobFrozen = new AtomicBoolean(true);
		Aggregates<Account> accounts = aggregates();
		ProcessManager transfers = ProcessManager
			.builder("transfers", TransferRequested.TRANSFERS, TransferRequested.TYPES, (source) -> {
				if (!(source.payload() instanceof TransferRequested transfer)) {
					return;
				}
				accounts.execute(transfer.from(), source.key("debit"), Long.class,
						Account.debit(transfer.id(), transfer.amount()));
				accounts.execute(transfer.to(), source.key("credit"), Long.class, (account, events) -> {
					if (bobFrozen.get()) {
						throw new IllegalStateException("Account " + transfer.to() + " is frozen");
					}
					return Account.credit(transfer.id(), transfer.amount()).handle(account, events);
				});
			})
			.build();
		Reader reader = Reader.builder(transfers, this.log).poisonPolicy(PoisonPolicy.SKIP).build();

		for (int load = 0; load < 3; load++) {
			try {
				reader.loadUntilRealtime();
			}
			catch (IllegalStateException frozen) {
				// The credit is rejected on this load; the next one tries it again.
			}
		}
		bobFrozen.set(false);
		reader.loadUntilRealtime();

		assertThat(debits("alice")).extracting(Debited::transfer).containsExactly("t-1");
		assertThat(credits("bob")).as("the debited transfer was credited once bob's account thawed")
			.extracting(Credited::transfer)
			.containsExactly("t-1");
	}

	private static void transfer(Aggregates<Account> accounts, SourceEvent source, AtomicBoolean crashAfterDebit) {
		if (!(source.payload() instanceof TransferRequested transfer)) {
			return;
		}
		accounts.execute(transfer.from(), source.key("debit"), Long.class,
				Account.debit(transfer.id(), transfer.amount()));
		if (crashAfterDebit.getAndSet(false)) {
			throw new IllegalStateException("Simulated crash after the debit");
		}
		accounts.execute(transfer.to(), source.key("credit"), Long.class,
				Account.credit(transfer.id(), transfer.amount()));
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

	private Aggregates<Account> aggregates() {
		return Aggregates.builder(Account.TYPE, this.log).transactWritePolicy(QUICK).build();
	}

}
