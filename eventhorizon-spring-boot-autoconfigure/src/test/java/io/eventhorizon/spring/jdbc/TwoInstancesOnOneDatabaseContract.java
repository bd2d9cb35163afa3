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
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.EventHorizonJdbcAutoConfiguration;
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
 * Two instances of one application (two application contexts) keep one transactional
 * read model in one database and race for the same entry: the winner commits it, the
 * loser rolls back and reads on, and every entry is applied exactly once. Each database
 * runs these scenarios in a subclass, because their locks behave differently.
 */
abstract class TwoInstancesOnOneDatabaseContract {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final Duration PATIENCE = Rendezvous.PATIENCE;

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.of(Deposited.class));

	// One event log for both instances, as DynamoDB would be.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final Rendezvous rendezvous = new Rendezvous("contested");

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	/**
	 * Returns the JDBC URL of an empty database that both instances use.
	 * @return the URL
	 */
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
		jdbc.execute("DROP TABLE IF EXISTS eventhorizon_cursors");
		jdbc.execute("CREATE TABLE ledger (entry VARCHAR(100) NOT NULL, account VARCHAR(100) NOT NULL, "
				+ "amount BIGINT NOT NULL)");
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void whenBothInstancesApplyTheSameEntryTheLoserRollsBackAndReadsOn() {
		instance().run((first) -> instance().run((second) -> {
			deposit("a1", 10);
			deposit("contested", 20);
			deposit("a1", 30);
			deposit("a2", 40);

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
			assertThat(ledger()).as("every entry once, as a replay")
				.containsExactly("/bank@1 a1 10", "/bank@2 contested 20", "/bank@3 a1 30", "/bank@4 a2 40");
			assertThat(first.getBean(TransactionalCursorStore.class).load("ledger")).contains(BANK.at(4));
		}));
	}

	@Test
	void whenBothInstancesStartTheProcessorTheLoserOfItsFirstEntryReadsOn() {
		instance().withUserConfiguration(PausingCursorStoreConfiguration.class)
			.run((first) -> instance().run((second) -> {
				deposit("a1", 10);
				deposit("a2", 20);

				Future<?> firstSync = this.threads.submit(() -> sync(first));
				Rendezvous.awaitLatch(this.rendezvous.firstInside);
				Future<?> secondSync = this.threads.submit(() -> sync(second));
				await().atMost(PATIENCE).until(() -> waitingForALock() || secondSync.isDone());
				this.rendezvous.releaseFirst.countDown();
				firstSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				secondSync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				sync(first);
				sync(second);

				assertThat(ledger()).as("every entry once, as a replay")
					.containsExactly("/bank@1 a1 10", "/bank@2 a2 20");
				assertThat(second.getBean(TransactionalCursorStore.class).load("ledger")).contains(BANK.at(2));
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

	private void deposit(String account, long amount) {
		this.eventLog.append(BANK,
				CODEC.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.system(Instant.EPOCH)))));
	}

	private static void sync(ApplicationContext instance) {
		instance.getBean(EventProcessorRegistry.class).byName("ledger").orElseThrow().reader().loadUntilRealtime();
	}

	@EventType("account.Deposited")
	record Deposited(String id, long amount) {
	}

	/**
	 * The first instance's cursor store: holds the transaction that creates the processor's
	 * cursor row, just before it commits, until the test releases it.
	 */
	static final class PausingCursorStore extends JdbcCursorStore {

		private final Rendezvous rendezvous;

		private final AtomicBoolean pause = new AtomicBoolean(true);

		PausingCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager, Rendezvous rendezvous) {
			super(jdbc, transactionManager);
			this.rendezvous = rendezvous;
		}

		@Override
		public void inNewTransaction(Runnable work) {
			super.inNewTransaction(() -> {
				work.run();
				if (load("ledger").isPresent() && this.pause.getAndSet(false)) {
					this.rendezvous.holdTheFirst();
				}
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PausingCursorStoreConfiguration {

		@Bean
		PausingCursorStore pausingCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager,
				Rendezvous rendezvous) {
			return new PausingCursorStore(jdbc, transactionManager, rendezvous);
		}

	}

	/** Deposits as rows of a table. */
	@EventProcessor(stream = "/bank", transactional = true)
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
