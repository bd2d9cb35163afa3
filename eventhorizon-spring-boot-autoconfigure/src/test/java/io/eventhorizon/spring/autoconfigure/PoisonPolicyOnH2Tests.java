package io.eventhorizon.spring.autoconfigure;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.eventhorizon.client.FailureClassifier;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHandlerFailedException;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.SpringFailureClassifier;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code poison-policy: skip}, a read model in H2 skips an entry only when it fails the
 * same way again and again: a lock held by another session makes it wait and retry, however
 * often, and the entry is applied once the lock is gone.
 */
class PoisonPolicyOnH2Tests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	// Lock waits end after 100 ms: a held lock fails the handler with a lock timeout quickly.
	private final ApplicationContextRunner runner = JdbcApplications
		.onDatabase(this.eventLog, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100")
		.withBean("balances", Balances.class)
		.withPropertyValues("eventhorizon.processors.poison-policy=skip");

	@Test
	void anEntryBlockedByAnotherSessionsLockIsRetriedAndAppliedNeverSkipped() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			createBalances(jdbc);
			deposit("a1", 10);
			Reader reader = reader(context);

			try (Connection otherSession = context.getBean(DataSource.class).getConnection()) {
				otherSession.setAutoCommit(false);
				try (Statement statement = otherSession.createStatement()) {
					statement.executeUpdate("UPDATE balances SET amount = amount WHERE account = 'a1'");
				}
				for (int load = 1; load <= 5; load++) {
					assertThatExceptionOfType(EventHandlerFailedException.class).as("load %d", load)
						.isThrownBy(reader::loadUntilRealtime)
						.withCauseInstanceOf(TransientDataAccessException.class);
				}
				otherSession.rollback();
			}
			reader.loadUntilRealtime();

			assertThat(balance(jdbc, "a1")).isEqualTo(10);
			assertThat(reader.stats().poisonedEntries()).isZero();
		});
	}

	@Test
	void anEntryThatFailsTheSameWayOnThreeLoadsIsSkipped() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			createBalances(jdbc);
			deposit("a1", 10);
			deposit("a1", Balances.REJECTED);
			deposit("a1", 5);
			Reader reader = reader(context);

			assertThatExceptionOfType(EventHandlerFailedException.class).isThrownBy(reader::loadUntilRealtime)
				.withCauseInstanceOf(IllegalArgumentException.class);
			assertThatExceptionOfType(EventHandlerFailedException.class).isThrownBy(reader::loadUntilRealtime)
				.withCauseInstanceOf(IllegalArgumentException.class);
			reader.loadUntilRealtime();

			assertThat(balance(jdbc, "a1")).isEqualTo(15);
			assertThat(reader.stats().poisonedEntries()).isEqualTo(1);
		});
	}

	@Test
	void theFailureClassifierKnowsSpringsExceptionsAndBacksOff() {
		this.runner.run((context) -> assertThat(context).getBean(FailureClassifier.class)
			.isInstanceOf(SpringFailureClassifier.class));
		this.runner.withBean("myClassifier", FailureClassifier.class, () -> (failure) -> true)
			.run((context) -> assertThat(context).getBean(FailureClassifier.class)
				.isSameAs(context.getBean("myClassifier")));
	}

	private void deposit(String account, long amount) {
		this.eventLog.append(BANK, new EventLineCodec(Balances.TYPES)
			.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.system(Instant.EPOCH)))));
	}

	private static Reader reader(ApplicationContext context) {
		return context.getBean(EventProcessorRegistry.class).byName("balances").orElseThrow().reader();
	}

	private static void createBalances(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE balances (account VARCHAR(100) PRIMARY KEY, amount BIGINT NOT NULL)");
		jdbc.update("INSERT INTO balances (account, amount) VALUES ('a1', 0)");
	}

	private static long balance(JdbcTemplate jdbc, String account) {
		return jdbc.queryForObject("SELECT amount FROM balances WHERE account = ?", Long.class, account);
	}

	/** Balances as rows of a table. */
	@EventProcessor(stream = "/bank", transactional = true)
	static class Balances {

		static final EventTypes TYPES = EventTypes.of(Deposited.class);

		static final long REJECTED = 666;

		private final JdbcTemplate jdbc;

		Balances(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@EventHandler
		void on(Deposited deposited) {
			if (deposited.amount() == REJECTED) {
				throw new IllegalArgumentException("Deposits of " + REJECTED + " are refused");
			}
			this.jdbc.update("UPDATE balances SET amount = amount + ? WHERE account = ?", deposited.amount(),
					deposited.id());
		}

	}

}
