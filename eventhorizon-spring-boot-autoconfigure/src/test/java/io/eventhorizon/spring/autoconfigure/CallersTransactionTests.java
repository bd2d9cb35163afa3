package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Withdrawn;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A {@code @TransactionalAppend} method called inside a transaction of its caller: each
 * attempt takes a savepoint, and what holds for a command on its own must hold there too.
 */
class CallersTransactionTests {

	private static final StreamName BANK = StreamName.of("/bank");

	// The other instance, which appends straight to the shared log.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner runner = JdbcApplications.onDatabase(this.eventLog, this.database);

	@Test
	void aWithdrawalAgainstADatabaseReadModelInACallersRepeatableReadTransactionIsRefusedAndWritesNothing() {
		this.runner.withBean("balances", Balances.class).withBean(JdbcBank.class).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE balances (account VARCHAR(100) PRIMARY KEY, amount BIGINT NOT NULL)");
			append(new Deposited("a1", 10));
			sync(context, "balances");
			JdbcBank bank = context.getBean(JdbcBank.class);
			TransactionTemplate callersTransaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			callersTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);

			Throwable second = catchThrowable(() -> callersTransaction.executeWithoutResult((status) -> {
				// The caller looks at the account first, as a service does before deciding.
				jdbc.queryForObject("SELECT amount FROM balances WHERE account = 'a1'", Long.class);
				// Meanwhile the other instance withdraws everything.
				append(new Withdrawn("a1", 10));
				bank.withdraw("a1", 10);
			}));
			sync(context, "balances");

			assertThat(jdbc.queryForObject("SELECT amount FROM balances WHERE account = 'a1'", Long.class))
				.as("a1 after two withdrawals of its 10 (the second: %s)", (second != null) ? second : "succeeded")
				.isGreaterThanOrEqualTo(0);
			assertThat(second).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("was called inside a transaction of the caller, but it validates against "
						+ "[balances], which keep their state in the database");
		});
	}

	@Test
	void aFailureTheMethodDoesNotRollBackForKeepsItsRowsInTheCallersTransaction() {
		this.runner.withBean("accounts", BankFixtures.Accounts.class)
			.withBean(RefusingBank.class)
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("CREATE TABLE audit (note VARCHAR(100) NOT NULL)");
				RefusingBank bank = context.getBean(RefusingBank.class);
				TransactionTemplate callersTransaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));

				catchThrowable(() -> bank.withdraw("a1", 5));
				callersTransaction.executeWithoutResult((status) -> catchThrowable(() -> bank.withdraw("a2", 5)));

				assertThat(jdbc.queryForList("SELECT note FROM audit ORDER BY note", String.class))
					.as("the refusals audited: noRollbackFor keeps the row, called alone or in a transaction")
					.containsExactly("refused a1", "refused a2");
			});
	}

	@Test
	void aCommandInATransactionOfASecondTransactionManagerDoesNotKeepTheRowsOfTheAttemptThatLostItsRace() {
		DataSource main = new DriverManagerDataSource(this.database);
		DataSource ledger = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
			.withBean(EventLog.class, () -> this.eventLog)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false", "eventhorizon.create-streams=true")
			.withBean("transactionManager", PlatformTransactionManager.class,
					() -> new DataSourceTransactionManager(main), (definition) -> definition.setPrimary(true))
			.withBean("ledgerTransactionManager", PlatformTransactionManager.class,
					() -> new DataSourceTransactionManager(ledger))
			.withBean("ledgerJdbc", JdbcTemplate.class, () -> new JdbcTemplate(ledger))
			.withBean("accounts", BankFixtures.Accounts.class)
			.withBean(LedgerAuditedBank.class)
			.run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(ledger);
				jdbc.execute("CREATE TABLE audit (note VARCHAR(100) NOT NULL)");
				LedgerAuditedBank bank = context.getBean(LedgerAuditedBank.class);
				TransactionTemplate callersTransaction = new TransactionTemplate(
						context.getBean("ledgerTransactionManager", PlatformTransactionManager.class));

				Throwable failure = catchThrowable(() -> callersTransaction
					.executeWithoutResult((status) -> bank.deposit("a1", 5, () -> append(new Deposited("rival", 1)))));

				assertThat(jdbc.queryForList("SELECT note FROM audit", String.class))
					.as("audit rows, with %d entry of the deposit (the caller %s)", entriesOf("\"a1\""),
							(failure != null) ? "got " + failure : "succeeded")
					.hasSize((int) entriesOf("\"a1\""));
			});
	}

	private long entriesOf(String text) {
		return StreamContents.entries(this.eventLog, BANK)
			.stream()
			.filter((entry) -> new String(entry.data().payload(), StandardCharsets.UTF_8).contains(text))
			.count();
	}

	private void append(Object payload) {
		this.eventLog.append(BANK, new EventLineCodec(EventTypes.of(Deposited.class, Withdrawn.class))
			.encode(List.of(Event.of(payload, EventMeta.system(Instant.EPOCH)))));
	}

	private static void sync(ApplicationContext context, String processor) {
		context.getBean(EventProcessorRegistry.class).byName(processor).orElseThrow().reader().loadUntilRealtime();
	}

	/** Balances as rows, kept by the processor in the database. */
	@EventProcessor(stream = "/bank", transactional = true)
	static class Balances {

		private final JdbcTemplate jdbc;

		Balances(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@EventHandler
		void on(Deposited deposited) {
			if (this.jdbc.update("UPDATE balances SET amount = amount + ? WHERE account = ?", deposited.amount(),
					deposited.id()) == 0) {
				this.jdbc.update("INSERT INTO balances (account, amount) VALUES (?, ?)", deposited.id(),
						deposited.amount());
			}
		}

		@EventHandler
		void on(Withdrawn withdrawn) {
			this.jdbc.update("UPDATE balances SET amount = amount - ? WHERE account = ?", withdrawn.amount(),
					withdrawn.id());
		}

	}

	/** Withdraws what the balances in the database allow. */
	static class JdbcBank {

		private final JdbcTemplate jdbc;

		private final EventHorizonTemplate events;

		JdbcBank(JdbcTemplate jdbc, EventHorizonTemplate events) {
			this.jdbc = jdbc;
			this.events = events;
		}

		@TransactionalAppend(processors = "balances")
		public void withdraw(String id, long amount) {
			Long balance = this.jdbc.queryForObject("SELECT amount FROM balances WHERE account = ?", Long.class, id);
			if (balance == null || balance < amount) {
				throw new IllegalStateException("insufficient funds in " + id + ": " + balance);
			}
			this.events.append("/bank", new Withdrawn(id, amount));
		}

	}

	/** Refuses every withdrawal, and audits the refusal in the method's transaction. */
	static class RefusingBank {

		private final JdbcTemplate jdbc;

		RefusingBank(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@TransactionalAppend(processors = "accounts")
		@Transactional(noRollbackFor = Refused.class)
		public void withdraw(String id, long amount) {
			this.jdbc.update("INSERT INTO audit (note) VALUES (?)", "refused " + id);
			throw new Refused(id);
		}

	}

	static class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Refused(String id) {
			super("withdrawal from " + id + " refused");
		}

	}

	/** Audits each deposit in the ledger database, in whatever transaction its caller has. */
	static class LedgerAuditedBank extends JdbcExactlyOnceTests.UntransactionalAuditedBank {

		LedgerAuditedBank(@Qualifier("ledgerJdbc") JdbcTemplate jdbc, EventHorizonTemplate events) {
			super(jdbc, events);
		}

	}

}
