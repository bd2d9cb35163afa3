package io.eventhorizon.spring.jdbc;

import java.util.List;

import javax.sql.DataSource;

import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.autoconfigure.EventHorizonDataSourceScriptDatabaseInitializer;
import io.eventhorizon.spring.autoconfigure.EventHorizonJdbcAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.EventHorizonJdbcProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cursor tables through Spring Boot's database initialisation, on an embedded H2
 * database: created by default, left alone when asked, replaceable, and a database
 * without a script is named at startup.
 */
class CursorTablesOnH2Tests {

	static final List<String> CURSOR_TABLES = List.of("eventhorizon_cursors", "eventhorizon_tree_cursors",
			"eventhorizon_tree_positions");

	// No URL: Spring Boot starts an embedded H2 database with a name of its own.
	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				EventHorizonJdbcAutoConfiguration.class));

	@Test
	void anEmbeddedDatabaseGetsTheCursorTablesByDefault() {
		this.application.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EventHorizonDataSourceScriptDatabaseInitializer.class);
			assertThat(cursorTables(context)).containsExactlyInAnyOrderElementsOf(CURSOR_TABLES);
			assertThat(context.getBean(TransactionalCursorStore.class).load("ledger")).isEmpty();
		});
	}

	@Test
	void withInitializationSetToNeverTheCursorTablesAreNotCreated() {
		this.application.withPropertyValues("eventhorizon.jdbc.initialize-schema=never").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EventHorizonDataSourceScriptDatabaseInitializer.class);
			assertThat(cursorTables(context)).isEmpty();
		});
	}

	@Test
	void anInitializerOfTheApplicationReplacesTheAutoConfiguredOne() {
		this.application.withUserConfiguration(OwnInitializerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(EventHorizonDataSourceScriptDatabaseInitializer.class)
				.hasBean("ownInitializer");
			assertThat(cursorTables(context)).containsExactly("eventhorizon_cursors");
		});
	}

	@Test
	void theBooleanOfEarlierVersionsIsRefusedNamingTheProperty() {
		this.application.withPropertyValues("eventhorizon.jdbc.initialize-schema=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("eventhorizon.jdbc.initialize-schema")
				.hasMessageContaining("'true'")
				.hasMessageContaining("'always'");
		});
	}

	@Test
	void aPlatformWithoutAScriptStopsTheStartupNamingTheScriptItLookedFor() {
		this.application.withPropertyValues("eventhorizon.jdbc.platform=oracle").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("classpath:io/eventhorizon/spring/jdbc/schema-oracle.sql");
		});
	}

	@Test
	void aFailingStatementStopsTheStartupNamingTheScript() {
		this.application
			.withPropertyValues("eventhorizon.jdbc.schema=classpath:io/eventhorizon/spring/jdbc/broken-schema.sql")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining(ScriptStatementFailedException.class.getName())
					.hasStackTraceContaining("broken-schema.sql");
			});
	}

	static List<String> cursorTables(ApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForList("SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_name) IN (?, ?, ?)",
					String.class, CURSOR_TABLES.toArray())
			.stream()
			.sorted()
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnInitializerConfiguration {

		@Bean
		EventHorizonDataSourceScriptDatabaseInitializer ownInitializer(DataSource dataSource) {
			EventHorizonJdbcProperties properties = new EventHorizonJdbcProperties();
			properties.setSchema("classpath:io/eventhorizon/spring/jdbc/cursors-only-schema.sql");
			return new EventHorizonDataSourceScriptDatabaseInitializer(dataSource, properties);
		}

	}

}
