package io.eventhorizon.spring.autoconfigure;

import javax.sql.DataSource;

import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.TransactionalTreeCursorStore;
import io.eventhorizon.spring.jdbc.JdbcCursorStore;
import io.eventhorizon.spring.jdbc.JdbcTreeCursorStore;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for transactional processors: their
 * cursors in the application's database ({@code eventhorizon_cursors}; for read models of
 * trees, {@code eventhorizon_tree_cursors} and {@code eventhorizon_tree_positions}),
 * committed with the read model's writes. Only with Spring JDBC, a {@link JdbcOperations} and a
 * {@link PlatformTransactionManager}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = EventHorizonAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
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

	@Bean
	@ConditionalOnBooleanProperty("eventhorizon.jdbc.initialize-schema")
	@ConditionalOnBean(DataSource.class)
	EventHorizonJdbcSchemaInitializer eventHorizonJdbcSchemaInitializer(DataSource dataSource) {
		return new EventHorizonJdbcSchemaInitializer(dataSource);
	}

	/**
	 * Creates the {@code eventhorizon_cursors}, {@code eventhorizon_tree_cursors} and
	 * {@code eventhorizon_tree_positions} tables when they are missing.
	 */
	static final class EventHorizonJdbcSchemaInitializer implements InitializingBean {

		private final DataSource dataSource;

		EventHorizonJdbcSchemaInitializer(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public void afterPropertiesSet() {
			new ResourceDatabasePopulator(new DefaultResourceLoader().getResource(JdbcCursorStore.SCHEMA))
				.execute(this.dataSource);
		}

	}

}
