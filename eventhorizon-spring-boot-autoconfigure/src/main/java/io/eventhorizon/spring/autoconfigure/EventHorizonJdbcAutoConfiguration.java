package io.eventhorizon.spring.autoconfigure;

import java.util.Locale;

import javax.sql.DataSource;

import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.TransactionalTreeCursorStore;
import io.eventhorizon.spring.jdbc.JdbcCursorStore;
import io.eventhorizon.spring.jdbc.JdbcTreeCursorStore;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for transactional processors: their
 * cursors in the application's database ({@code eventhorizon_cursors}; for read models of
 * trees, {@code eventhorizon_tree_cursors} and {@code eventhorizon_tree_positions}),
 * committed with the read model's writes. Only with Spring JDBC, a {@link JdbcOperations} and a
 * {@link PlatformTransactionManager}. With Spring Boot's JDBC support, the tables are
 * created through its database initialisation ({@code eventhorizon.jdbc.initialize-schema}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = EventHorizonAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnClass({ JdbcOperations.class, PlatformTransactionManager.class })
@ConditionalOnBean({ JdbcOperations.class, PlatformTransactionManager.class })
@ConditionalOnBooleanProperty(name = "eventhorizon.enabled", matchIfMissing = true)
public final class EventHorizonJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TransactionalCursorStore.class)
	JdbcCursorStore eventHorizonCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		return new JdbcCursorStore(jdbc, transactionManager);
	}

	@Bean
	@ConditionalOnMissingBean(TransactionalTreeCursorStore.class)
	JdbcTreeCursorStore eventHorizonTreeCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		return new JdbcTreeCursorStore(jdbc, transactionManager);
	}

	/**
	 * The cursor tables through Spring Boot's database initialisation: ordered after Flyway
	 * and Liquibase, and before the beans that use the database, as Spring Batch's tables.
	 * Spring JDBC may be there without Spring Boot's JDBC support; then the application
	 * creates the tables itself.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ DataSourceScriptDatabaseInitializer.class, OnDatabaseInitializationCondition.class })
	@ConditionalOnSingleCandidate(DataSource.class)
	@EnableConfigurationProperties(EventHorizonJdbcProperties.class)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	@ImportRuntimeHints(SchemaScriptsRuntimeHints.class)
	static class SchemaInitializationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnCursorTablesInitializationCondition.class)
		EventHorizonDataSourceScriptDatabaseInitializer eventHorizonDataSourceScriptDatabaseInitializer(
				DataSource dataSource, EventHorizonJdbcProperties properties) {
			return new EventHorizonDataSourceScriptDatabaseInitializer(dataSource, properties);
		}

	}

	static class OnCursorTablesInitializationCondition extends OnDatabaseInitializationCondition {

		private static final String PROPERTY = "eventhorizon.jdbc.initialize-schema";

		OnCursorTablesInitializationCondition() {
			super("EventHorizon cursor tables", PROPERTY);
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String mode = context.getEnvironment().getProperty(PROPERTY);
			if (mode != null) {
				try {
					DatabaseInitializationMode.valueOf(mode.trim().toUpperCase(Locale.ENGLISH));
				}
				catch (IllegalArgumentException ex) {
					// The property was a boolean before 0.1.0: say what its values became.
					throw new InvalidConfigurationPropertyValueException(PROPERTY, mode,
							"Use 'embedded', 'always' or 'never' ('true' is now 'always', 'false' is 'never').");
				}
			}
			return super.getMatchOutcome(context, metadata);
		}

	}

	/**
	 * The shipped schema scripts, for native images.
	 */
	static class SchemaScriptsRuntimeHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			hints.resources()
				.registerPattern(JdbcCursorStore.SCHEMA.substring("classpath:".length()).replace("@@platform@@", "*"));
		}

	}

}
