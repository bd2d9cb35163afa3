package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.EventLog;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * Applications with a JDBC database (H2 in memory) and EventHorizon, for the tests of
 * database read models and of commands in database transactions.
 */
final class JdbcApplications {

	private JdbcApplications() {
	}

	/**
	 * Returns a runner for applications on the given database that share one event log (as
	 * instances share DynamoDB), with the schema of the cursors created (by default, in an
	 * embedded database), streams created at startup and no synchronizer (the tests decide
	 * when processors catch up).
	 * @param eventLog the event log every application of the runner uses
	 * @param databaseUrl the JDBC URL, such as {@code jdbc:h2:mem:<name>;DB_CLOSE_DELAY=-1}
	 * @return the runner
	 */
	static ApplicationContextRunner onDatabase(EventLog eventLog, String databaseUrl) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, EventHorizonJdbcAutoConfiguration.class,
					EventHorizonAutoConfiguration.class))
			.withBean(EventLog.class, () -> eventLog)
			.withPropertyValues("spring.datasource.url=" + databaseUrl, "eventhorizon.synchronizer.enabled=false", "eventhorizon.create-streams=true");
	}

}
