package io.eventhorizon.spring.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.autoconfigure.EventHorizonJdbcAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cursor tables through Spring Boot's database initialisation, on a real PostgreSQL
 * server (run from its Maven artifact): created when asked, after Flyway's migrations and
 * Liquibase's change log, and by two instances starting at once. The transactional
 * processors that use them on PostgreSQL are raced in {@link JdbcTwoInstancesOnPostgreSqlTests} and
 * {@link JdbcTreeTwoInstancesOnPostgreSqlTests}.
 */
class CursorTablesOnPostgreSqlTests {

	@RegisterExtension
	static final PostgreSqlServer server = new PostgreSqlServer();

	private static final Duration PATIENCE = Rendezvous.PATIENCE;

	private static final String READ_MODELS_SCHEMA = "read_models";


	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class,
				EventHorizonJdbcAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=" + server.username(),
				"spring.datasource.password=" + server.password(), "spring.flyway.enabled=false",
				"spring.liquibase.enabled=false");

	@BeforeEach
	void emptyDatabase() {
		JdbcTemplate jdbc = database();
		CursorTablesOnH2Tests.CURSOR_TABLES.forEach((table) -> jdbc.execute("DROP TABLE IF EXISTS " + table));
		jdbc.execute("DROP SCHEMA IF EXISTS " + READ_MODELS_SCHEMA + " CASCADE");
		jdbc.execute("DROP TABLE IF EXISTS databasechangelog");
		jdbc.execute("DROP TABLE IF EXISTS databasechangeloglock");
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void withInitializationSetToAlwaysTheCursorTablesAreCreated() {
		onServer().withPropertyValues("eventhorizon.jdbc.initialize-schema=always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(cursorTables("public")).containsExactlyInAnyOrderElementsOf(CursorTablesOnH2Tests.CURSOR_TABLES);
			assertThat(context.getBean(TransactionalCursorStore.class).load("ledger")).isEmpty();
		});
	}

	@Test
	void byDefaultAServerDatabaseIsLeftToItsOwners() {
		onServer().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(cursorTables("public")).isEmpty();
		});
	}

	@Test
	void theCursorTablesAreCreatedAfterFlywaysMigrations() {
		// Flyway creates the schema that the connections write into: created before it, the
		// cursor tables would have no schema to go to. The application's own bean asks for
		// the tables first, so that only the ordering of the initializers puts Flyway first.
		this.application.withUserConfiguration(EarlyTablesConfiguration.class)
			.withPropertyValues("spring.datasource.url=" + server.url() + "&currentSchema=" + READ_MODELS_SCHEMA,
					"spring.flyway.enabled=true", "spring.flyway.schemas=" + READ_MODELS_SCHEMA,
					"spring.flyway.locations=classpath:io/eventhorizon/spring/jdbc/flyway",
					"eventhorizon.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(cursorTables(READ_MODELS_SCHEMA))
					.containsExactlyInAnyOrderElementsOf(CursorTablesOnH2Tests.CURSOR_TABLES);
				assertThat(database().queryForObject(
						"SELECT COUNT(*) FROM " + READ_MODELS_SCHEMA + ".flyway_schema_history WHERE version = '1' AND success",
						Integer.class))
					.isEqualTo(1);
			});
	}

	@Test
	void theCursorTablesAreCreatedAfterLiquibasesChangeLog() {
		// The application's change log creates one of the cursor tables itself, with a plain
		// CREATE TABLE: run after the cursor tables' script, it would fail on the table that
		// script created. The application's bean asks for the cursor tables first, so that
		// only the ordering of the initializers puts Liquibase first.
		this.application.withUserConfiguration(EarlyTablesConfiguration.class)
			.withPropertyValues("spring.datasource.url=" + server.url(), "spring.liquibase.enabled=true",
					"spring.liquibase.change-log=classpath:io/eventhorizon/spring/jdbc/liquibase/changelog.sql",
					"eventhorizon.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(cursorTables("public")).containsExactlyInAnyOrderElementsOf(CursorTablesOnH2Tests.CURSOR_TABLES);
				assertThat(database().queryForObject("SELECT COUNT(*) FROM databasechangelog WHERE id = '1'",
						Integer.class))
					.isEqualTo(1);
			});
	}

	@Test
	void twoInstancesCreatingTheTablesAtOnceBothStart() throws Exception {
		TransactionHoldingDataSource firstInstancesDatabase = new TransactionHoldingDataSource(
				new DriverManagerDataSource(server.url(), server.username(), server.password()));
		ApplicationContextRunner first = this.application
			.withBean(DataSource.class, () -> firstInstancesDatabase)
			.withPropertyValues("eventhorizon.jdbc.initialize-schema=always");
		ApplicationContextRunner second = onServer().withPropertyValues("eventhorizon.jdbc.initialize-schema=always");

		Future<?> firstStart = this.threads.submit(() -> first.run(CursorTablesOnPostgreSqlTests::startedWithTables));
		Rendezvous.awaitLatch(firstInstancesDatabase.holding);
		Future<?> secondStart = this.threads.submit(() -> second.run(CursorTablesOnPostgreSqlTests::startedWithTables));
		await().atMost(PATIENCE).until(() -> waitingForALock() || secondStart.isDone());
		firstInstancesDatabase.release.countDown();

		firstStart.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		secondStart.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(cursorTables("public")).containsExactlyInAnyOrderElementsOf(CursorTablesOnH2Tests.CURSOR_TABLES);
	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyTablesConfiguration {

		@Bean
		@DependsOn("eventHorizonDataSourceScriptDatabaseInitializer")
		Object beanThatNeedsTheCursorTables() {
			return new Object();
		}

	}

	private static void startedWithTables(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		assertThat(context.getBean(TransactionalCursorStore.class).load("ledger")).isEmpty();
	}

	private ApplicationContextRunner onServer() {
		return this.application.withPropertyValues("spring.datasource.url=" + server.url());
	}

	private static JdbcTemplate database() {
		return new JdbcTemplate(new DriverManagerDataSource(server.url(), server.username(), server.password()));
	}

	private static List<String> cursorTables(String schema) {
		return database().queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name IN (?, ?, ?)",
				String.class, schema, CursorTablesOnH2Tests.CURSOR_TABLES.get(0),
				CursorTablesOnH2Tests.CURSOR_TABLES.get(1), CursorTablesOnH2Tests.CURSOR_TABLES.get(2));
	}

	private static boolean waitingForALock() {
		Integer waiting = database()
			.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", Integer.class);
		return waiting != null && waiting > 0;
	}

	/**
	 * The first instance's database: its connections do not commit after each statement,
	 * and the first commit of written work (the creation of the tables) waits until the
	 * test releases it, so that the second instance creates the tables while the first
	 * one's are not committed yet. A connection commits what is left when it is closed.
	 */
	static final class TransactionHoldingDataSource extends DelegatingDataSource {

		final CountDownLatch holding = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final AtomicBoolean held = new AtomicBoolean();

		TransactionHoldingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			connection.setAutoCommit(false);
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, arguments) -> {
						switch (method.getName()) {
							case "commit" -> commit(connection);
							case "close" -> {
								commit(connection);
								connection.close();
							}
							default -> {
								try {
									return method.invoke(connection, arguments);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							}
						}
						return null;
					});
		}

		private void commit(Connection connection) throws SQLException {
			if (hasWritten(connection) && !this.held.getAndSet(true)) {
				this.holding.countDown();
				Rendezvous.awaitLatch(this.release);
			}
			connection.commit();
		}

		private static boolean hasWritten(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement();
					ResultSet transaction = statement.executeQuery("SELECT pg_current_xact_id_if_assigned()")) {
				return transaction.next() && transaction.getObject(1) != null;
			}
		}

	}

}
