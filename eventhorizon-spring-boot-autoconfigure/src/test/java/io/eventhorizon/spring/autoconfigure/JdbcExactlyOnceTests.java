package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHandlerFailedException;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.jdbc.JdbcCursorStore;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A read model in a relational database (H2) commits its cursor with its rows, so it
 * applies every entry exactly once, even when the process dies between the handler's
 * writes and the commit.
 */
class JdbcExactlyOnceTests {

	private static final StreamName BANK = StreamName.of("/bank");

	// One event log outlives the "processes" (contexts), as DynamoDB would.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner runner = JdbcApplications.onDatabase(this.eventLog, this.database)
		.withBean("ledger", Ledger.class);

	@Test
	void theCursorStoreIsAutoConfiguredWithADatabase() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(JdbcCursorStore.class)
			.getBean(TransactionalCursorStore.class)
			.isInstanceOf(JdbcCursorStore.class));
	}

	@Test
	void everyEntryIsAppliedOnceAndTheCursorCommittedWithIt() {
		this.runner.run((context) -> {
			createLedgerTable(context.getBean(JdbcTemplate.class));
			deposit("a1", 10);
			deposit("a1", 20);

			sync(context);
			sync(context);

			assertThat(rows(context.getBean(JdbcTemplate.class))).containsExactly("/bank@1 a1 10", "/bank@2 a1 20");
			assertThat(context.getBean(JdbcCursorStore.class).load("ledger")).contains(BANK.at(2));
		});
	}

	@Test
	void aCrashBetweenTheHandlerAndTheCommitLeavesNoTraceAndTheNextProcessAppliesTheEntryOnce() {
		this.runner.run((context) -> {
			createLedgerTable(context.getBean(JdbcTemplate.class));
			deposit("a1", 10);
			deposit("crash", 20);
			deposit("a1", 30);

			assertThatExceptionOfType(EventHandlerFailedException.class).isThrownBy(() -> sync(context))
				.withCauseInstanceOf(IllegalStateException.class)
				.havingCause()
				.withMessage("process died after writing /bank@2");

			assertThat(rows(context.getBean(JdbcTemplate.class))).containsExactly("/bank@1 a1 10");
			assertThat(context.getBean(JdbcCursorStore.class).load("ledger")).contains(BANK.at(1));
		});
		Ledger.crashes = false;
		this.runner.run((restarted) -> {
			sync(restarted);

			assertThat(rows(restarted.getBean(JdbcTemplate.class))).containsExactly("/bank@1 a1 10",
					"/bank@2 crash 20", "/bank@3 a1 30");
			assertThat(restarted.getBean(JdbcCursorStore.class).load("ledger")).contains(BANK.at(3));
		});
	}

	@Test
	void withTransactionalEveryAttemptRunsInATransactionOfItsOwn() {
		this.runner.withBean("accounts", BankFixtures.Accounts.class)
			.withBean(AuditedBank.class)
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("CREATE TABLE audit (note VARCHAR(100) NOT NULL)");
				AuditedBank bank = context.getBean(AuditedBank.class);

				bank.deposit("a1", 5, () -> deposit("rival", 1));

				assertThat(bank.attempts()).isEqualTo(2);
				assertThat(jdbc.queryForList("SELECT note FROM audit", String.class))
					.as("the first attempt's row was rolled back with its transaction")
					.containsExactly("deposit a1 in a transaction");
			});
	}

	@Test
	void aTransactionalCommandCalledInTheCallersTransactionKeepsTheRowsOfTheAttemptItCommitted() {
		this.runner.withBean("accounts", BankFixtures.Accounts.class)
			.withBean(AuditedBank.class)
			.run((context) -> {
				AuditedBank bank = context.getBean(AuditedBank.class);
				assertAuditRowsMatchEntriesAfterARaceInTheCallersTransaction(context,
						() -> bank.deposit("a1", 5, () -> deposit("rival", 1)));
			});
	}

	@Test
	void aCommandCalledInTheCallersTransactionDoesNotKeepTheRowsOfTheAttemptThatLostItsRace() {
		this.runner.withBean("accounts", BankFixtures.Accounts.class)
			.withBean(UntransactionalAuditedBank.class)
			.run((context) -> {
				UntransactionalAuditedBank bank = context.getBean(UntransactionalAuditedBank.class);
				assertAuditRowsMatchEntriesAfterARaceInTheCallersTransaction(context,
						() -> bank.deposit("a1", 5, () -> deposit("rival", 1)));
			});
	}

	// Runs a deposit of a1 whose first attempt loses its race inside the caller's own
	// transaction: whatever the caller is told, the audit has a row per entry of the deposit.
	private void assertAuditRowsMatchEntriesAfterARaceInTheCallersTransaction(ApplicationContext context,
			Runnable depositOfA1) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("CREATE TABLE audit (note VARCHAR(100) NOT NULL)");
		createLedgerTable(jdbc);
		TransactionTemplate callersTransaction = new TransactionTemplate(
				context.getBean(PlatformTransactionManager.class));

		Throwable failure = catchThrowable(() -> callersTransaction.executeWithoutResult((status) -> depositOfA1.run()));

		long entriesOfTheDeposit = StreamContents.entries(this.eventLog, BANK)
			.stream()
			.filter((entry) -> new String(entry.data().payload(), StandardCharsets.UTF_8).contains("\"a1\""))
			.count();
		assertThat(jdbc.queryForList("SELECT note FROM audit", String.class))
			.as("audit rows, with %d entry of the deposit in the log (the caller %s)", entriesOfTheDeposit,
					(failure != null) ? "got " + failure : "succeeded")
			.hasSize((int) entriesOfTheDeposit);
	}

	private void deposit(String account, long amount) {
		this.eventLog.append(BANK, new EventLineCodec(EventTypes.of(Deposited.class))
			.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.system(Instant.EPOCH)))));
	}

	private static void sync(ApplicationContext context) {
		context.getBean(EventProcessorRegistry.class).byName("ledger").orElseThrow().reader().loadUntilRealtime();
	}

	private static void createLedgerTable(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS ledger (entry VARCHAR(100) NOT NULL, account VARCHAR(100) NOT NULL, "
				+ "amount BIGINT NOT NULL)");
	}

	private static List<String> rows(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT entry || ' ' || account || ' ' || amount FROM ledger ORDER BY entry",
				String.class);
	}

	/** Audits each deposit in the database, in the same transaction. */
	static class AuditedBank {

		private final JdbcTemplate jdbc;

		private final EventHorizonTemplate events;

		private int attempts;

		AuditedBank(JdbcTemplate jdbc, EventHorizonTemplate events) {
			this.jdbc = jdbc;
			this.events = events;
		}

		@TransactionalAppend(processors = "accounts")
		@Transactional
		public void deposit(String id, long amount, Runnable rivalOnFirstAttempt) {
			if (++this.attempts == 1) {
				rivalOnFirstAttempt.run();
			}
			this.jdbc.update("INSERT INTO audit (note) VALUES (?)", "deposit " + id + " in a "
					+ (TransactionSynchronizationManager.isActualTransactionActive() ? "transaction" : "no transaction"));
			this.events.append("/bank", new Deposited(id, amount));
		}

		public int attempts() {
			return this.attempts;
		}

	}

	/** Audits each deposit in the database, in whatever transaction its caller has. */
	static class UntransactionalAuditedBank {

		private final JdbcTemplate jdbc;

		private final EventHorizonTemplate events;

		private int attempts;

		UntransactionalAuditedBank(JdbcTemplate jdbc, EventHorizonTemplate events) {
			this.jdbc = jdbc;
			this.events = events;
		}

		@TransactionalAppend(processors = "accounts")
		public void deposit(String id, long amount, Runnable rivalOnFirstAttempt) {
			if (++this.attempts == 1) {
				rivalOnFirstAttempt.run();
			}
			this.jdbc.update("INSERT INTO audit (note) VALUES (?)", "deposit " + id);
			this.events.append("/bank", new Deposited(id, amount));
		}

		public int attempts() {
			return this.attempts;
		}

	}

	/** Deposits as rows of a table. */
	@EventProcessor(stream = "/bank", transactional = true)
	static class Ledger {

		static volatile boolean crashes = true;

		private final JdbcTemplate jdbc;

		Ledger(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@EventHandler
		void on(Deposited deposited, Cursor entry) {
			this.jdbc.update("INSERT INTO ledger (entry, account, amount) VALUES (?, ?, ?)", entry.toString(),
					deposited.id(), deposited.amount());
			if (crashes && deposited.id().equals("crash")) {
				throw new IllegalStateException("process died after writing " + entry);
			}
		}

	}

}
