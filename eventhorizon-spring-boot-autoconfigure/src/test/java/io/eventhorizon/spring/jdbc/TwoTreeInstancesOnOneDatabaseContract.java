package io.eventhorizon.spring.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
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
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.EventHorizonJdbcAutoConfiguration;
import io.eventhorizon.spring.jdbc.TwoInstancesOnOneDatabaseContract.Deposited;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application (two application contexts) keep one transactional read
 * model of a tree in one database and race for the same entry of the same stream: the
 * winner commits it with the stream's cursor, the loser rolls back and reads on, and every
 * entry of every stream is applied exactly once. Each database runs these scenarios in a
 * subclass, because their locks behave differently.
 */
abstract class TwoTreeInstancesOnOneDatabaseContract {

	private static final StreamName ACCOUNTS = StreamName.of("/bank/accounts");

	private static final StreamName A1 = ACCOUNTS.child("a1");

	private static final StreamName A2 = ACCOUNTS.child("a2");

	private static final Duration PATIENCE = Rendezvous.PATIENCE;

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.of(Deposited.class));

	// One event log for both instances, as DynamoDB would be.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final Rendezvous rendezvous = new Rendezvous("contested");

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	abstract String url();

	abstract String username();

	abstract String password();

	/**
	 * Returns a query that counts the sessions waiting for another session's lock.
	 * @return the query
	 */
	abstract String sessionsWaitingForALock();

	@BeforeEach
	void emptyDatabase() {
		JdbcTemplate jdbc = database();
		jdbc.execute("DROP TABLE IF EXISTS ledger");
		jdbc.execute("DROP TABLE IF EXISTS eventhorizon_tree_cursors");
		jdbc.execute("DROP TABLE IF EXISTS eventhorizon_tree_positions");
		jdbc.execute("CREATE TABLE ledger (entry VARCHAR(100) NOT NULL, account VARCHAR(100) NOT NULL, "
				+ "amount BIGINT NOT NULL)");
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void whenBothInstancesApplyTheSameEntryOfAStreamTheLoserRollsBackAndReadsOn() {
		instance().run((first) -> instance().run((second) -> {
			open(A1);
			open(A2);
			deposit(A1, "a1", 10);
			deposit(A1, "contested", 20);
			deposit(A1, "a1", 30);
			deposit(A2, "a2", 40);

			Future<?> firstSync = this.threads.submit(() -> sync(first));
			Rendezvous.awaitLatch(this.rendezvous.firstInside);
			Future<?> secondSync = this.threads.submit(() -> sync(second));
			await().atMost(PATIENCE)
				.until(() -> this.rendezvous.secondInside.getCount() == 0 || waitingForALock() || secondSync.isDone());
			this.rendezvous.releaseFirst.countDown();
			firstSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			secondSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
			sync(first);
			sync(second);

			assertThat(this.rendezvous.arrivals).as("instances inside the contested entry's handlers").hasValue(1);
			assertThat(ledger()).as("every entry of every stream once")
				.containsExactly("/bank/accounts/a1@1 a1 10", "/bank/accounts/a1@2 contested 20",
						"/bank/accounts/a1@3 a1 30", "/bank/accounts/a2@1 a2 40");
			TransactionalTreeCursorStore cursors = first.getBean(TransactionalTreeCursorStore.class);
			assertThat(cursors.load("ledger", A1)).contains(A1.at(3));
			assertThat(cursors.load("ledger", A2)).contains(A2.at(1));
		}));
	}

	@Test
	void whenBothInstancesMeetANewStreamTheLoserOfItsFirstEntryReadsOn() {
		instance().withUserConfiguration(PausingCursorStoreConfiguration.class)
			.run((first) -> instance().run((second) -> {
				open(A1);
				deposit(A1, "a1", 10);
				deposit(A1, "a1", 20);

				Future<?> firstSync = this.threads.submit(() -> sync(first));
				Rendezvous.awaitLatch(this.rendezvous.firstInside);
				Future<?> secondSync = this.threads.submit(() -> sync(second));
				await().atMost(PATIENCE).until(() -> waitingForALock() || secondSync.isDone());
				this.rendezvous.releaseFirst.countDown();
				firstSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				secondSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				sync(first);
				sync(second);

				assertThat(ledger()).as("every entry once")
					.containsExactly("/bank/accounts/a1@1 a1 10", "/bank/accounts/a1@2 a1 20");
				assertThat(second.getBean(TransactionalTreeCursorStore.class).load("ledger", A1)).contains(A1.at(2));
			}));
	}

	private ApplicationContextRunner instance() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, EventHorizonJdbcAutoConfiguration.class,
					EventHorizonAutoConfiguration.class))
			.withBean(EventLog.class, () -> this.eventLog)
			.withBean(Rendezvous.class, () -> this.rendezvous)
			.withBean("ledger", Ledger.class)
			.withPropertyValues("spring.datasource.url=" + url(), "spring.datasource.username=" + username(),
					"spring.datasource.password=" + password(), "eventhorizon.jdbc.initialize-schema=always",
					"eventhorizon.synchronizer.enabled=false", "eventhorizon.create-streams=true");
	}

	private JdbcTemplate database() {
		return new JdbcTemplate(new DriverManagerDataSource(url(), username(), password()));
	}

	private boolean waitingForALock() {
		Integer waiting = database().queryForObject(sessionsWaitingForALock(), Integer.class);
		return waiting != null && waiting > 0;
	}

	private List<String> ledger() {
		return database().queryForList("SELECT entry, account, amount FROM ledger ORDER BY entry").stream()
			.map((row) -> row.get("entry") + " " + row.get("account") + " " + row.get("amount"))
			.toList();
	}

	private void open(StreamName account) {
		this.eventLog.createStream(account);
	}

	private void deposit(StreamName account, String id, long amount) {
		this.eventLog.append(account,
				CODEC.encode(List.of(Event.of(new Deposited(id, amount), EventMeta.system(Instant.EPOCH)))));
	}

	private static void sync(ApplicationContext instance) {
		instance.getBean(EventProcessorRegistry.class).treeByName("ledger").orElseThrow().reader().loadUntilRealtime();
	}

	/**
	 * The first instance's cursor store: holds the transaction that creates the row of a
	 * stream's cursor, just before it commits, until the test releases it.
	 */
	static final class PausingTreeCursorStore extends JdbcTreeCursorStore {

		private final Rendezvous rendezvous;

		private final AtomicBoolean pause = new AtomicBoolean(true);

		PausingTreeCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager,
				Rendezvous rendezvous) {
			super(jdbc, transactionManager);
			this.rendezvous = rendezvous;
		}

		@Override
		public void inNewTransaction(Runnable work) {
			super.inNewTransaction(() -> {
				work.run();
				if (load("ledger", A1).isPresent() && this.pause.getAndSet(false)) {
					this.rendezvous.holdTheFirst();
				}
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PausingCursorStoreConfiguration {

		@Bean
		PausingTreeCursorStore pausingTreeCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager,
				Rendezvous rendezvous) {
			return new PausingTreeCursorStore(jdbc, transactionManager, rendezvous);
		}

	}

	/** Deposits into every account as rows of a table. */
	@EventProcessor(tree = "/bank/accounts", transactional = true)
	static class Ledger {

		private final JdbcTemplate jdbc;

		private final Rendezvous rendezvous;

		Ledger(JdbcTemplate jdbc, Rendezvous rendezvous) {
			this.jdbc = jdbc;
			this.rendezvous = rendezvous;
		}

		@EventHandler
		void on(Deposited deposited, Cursor entry) {
			this.jdbc.update("INSERT INTO ledger (entry, account, amount) VALUES (?, ?, ?)", entry.toString(),
					deposited.id(), deposited.amount());
			this.rendezvous.arrive(deposited.id());
		}

	}

}
