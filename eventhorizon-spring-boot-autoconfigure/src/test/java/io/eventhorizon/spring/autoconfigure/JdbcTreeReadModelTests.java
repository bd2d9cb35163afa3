package io.eventhorizon.spring.autoconfigure;

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
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.TransactionalTreeCursorStore;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.jdbc.JdbcTreeCursorStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * A read model of a tree kept in a database ({@code transactional = true}): every stream's
 * cursor committed with the entry's rows, the feed position kept for the restart, and a
 * crash between the handler's writes and the commit that leaves no trace.
 */
class JdbcTreeReadModelTests {

	private static final StreamName ACCOUNTS = StreamName.of("/bank/accounts");

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.of(Deposited.class));

	// One event log outlives the "processes" (contexts), as DynamoDB would.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner runner = JdbcApplications.onDatabase(this.eventLog, this.database)
		.withBean("treeLedger", TreeLedger.class);

	@Test
	void theTreeCursorStoreIsAutoConfiguredWithADatabase() {
		this.runner.run((context) -> assertThat(context).getBean(TransactionalTreeCursorStore.class)
			.isInstanceOf(JdbcTreeCursorStore.class));
	}

	@Test
	void backsOffToTheApplicationsTreeCursorStore() {
		this.runner.withBean("myTreeCursorStore", TransactionalTreeCursorStore.class,
				() -> new JdbcTreeCursorStore(mock(JdbcOperations.class), mock(PlatformTransactionManager.class)))
			.run((context) -> assertThat(context).hasSingleBean(TransactionalTreeCursorStore.class)
				.hasBean("myTreeCursorStore"));
	}

	@Test
	void everyEntryIsAppliedOnceAndItsStreamsCursorCommittedWithIt() {
		this.runner.run((context) -> {
			createLedgerTable(context);
			open("a1");
			open("a2");
			deposit("a1", 10);
			deposit("a2", 20);
			deposit("a1", 30);

			sync(context);
			sync(context);

			assertThat(rows(context)).containsExactly("/bank/accounts/a1@1 a1 10", "/bank/accounts/a1@2 a1 30",
					"/bank/accounts/a2@1 a2 20");
			TransactionalTreeCursorStore cursors = context.getBean(TransactionalTreeCursorStore.class);
			assertThat(cursors.load("treeLedger", ACCOUNTS.child("a1"))).contains(ACCOUNTS.child("a1").at(2));
			assertThat(cursors.load("treeLedger", ACCOUNTS.child("a2"))).contains(ACCOUNTS.child("a2").at(1));
			assertThat(cursors.loadPosition("treeLedger")).as("the feed position, kept for the restart").isPresent();
		});
	}

	@Test
	void aCrashBetweenTheHandlerAndTheCommitLeavesNoTraceAndTheNextProcessAppliesTheEntryOnce() {
		this.runner.run((context) -> {
			createLedgerTable(context);
			open("a1");
			deposit("a1", 10);
			deposit("crash", 20);
			deposit("a1", 30);

			TreeLedger.crashes = true;
			assertThatIllegalStateException().isThrownBy(() -> sync(context))
				.withMessageContaining("process died after writing /bank/accounts/a1@2");

			assertThat(rows(context)).containsExactly("/bank/accounts/a1@1 a1 10");
		});
		TreeLedger.crashes = false;
		this.runner.run((restarted) -> {
			sync(restarted);

			assertThat(rows(restarted)).containsExactly("/bank/accounts/a1@1 a1 10", "/bank/accounts/a1@2 crash 20",
					"/bank/accounts/a1@3 a1 30");
		});
	}

	private static void sync(ApplicationContext context) {
		context.getBean(EventProcessorRegistry.class).treeByName("treeLedger").orElseThrow().reader().loadUntilRealtime();
	}

	private static void createLedgerTable(ApplicationContext context) {
		context.getBean(JdbcTemplate.class)
			.execute("CREATE TABLE IF NOT EXISTS ledger (entry VARCHAR(100) NOT NULL, account VARCHAR(100) NOT NULL, "
					+ "amount BIGINT NOT NULL)");
	}

	private static List<String> rows(ApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForList("SELECT entry, account, amount FROM ledger ORDER BY entry")
			.stream()
			.map((row) -> row.get("entry") + " " + row.get("account") + " " + row.get("amount"))
			.toList();
	}

	private void open(String account) {
		this.eventLog.createStream(ACCOUNTS.child(account));
	}

	// The deposit names the account it is written to, except "crash", written to a1.
	private void deposit(String id, long amount) {
		StreamName account = ACCOUNTS.child(id.equals("crash") ? "a1" : id);
		this.eventLog.append(account,
				CODEC.encode(List.of(Event.of(new Deposited(id, amount), EventMeta.system(Instant.EPOCH)))));
	}

	/** Deposits of every account as rows; dies after writing the "crash" deposit while told to. */
	@EventProcessor(tree = "/bank/accounts", transactional = true)
	static class TreeLedger {

		static volatile boolean crashes;

		private final JdbcTemplate jdbc;

		TreeLedger(JdbcTemplate jdbc) {
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
