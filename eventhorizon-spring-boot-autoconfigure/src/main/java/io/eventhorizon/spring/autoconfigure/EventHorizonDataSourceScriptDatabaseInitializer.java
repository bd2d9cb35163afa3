package io.eventhorizon.spring.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * {@link DataSourceScriptDatabaseInitializer} for the tables of transactional processors'
 * cursors: runs {@code eventhorizon.jdbc.schema} with {@code @@platform@@} replaced by the
 * platform of the {@link DataSource} (such as {@code h2} or {@code postgresql}). As a
 * database initializer it runs after Flyway and Liquibase and before the beans that use
 * the database. May be registered as a bean to override auto-configuration.
 * <p>
 * Not thread-safe: it runs once, when the application context starts.
 *
 * @since 0.1.0
 */
public class EventHorizonDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<EventHorizonJdbcProperties> {

	/**
	 * Creates an initializer of the cursor tables.
	 * @param dataSource the database of the transactional processors' read models
	 * @param properties the {@code eventhorizon.jdbc.*} properties
	 */
	public EventHorizonDataSourceScriptDatabaseInitializer(DataSource dataSource,
			EventHorizonJdbcProperties properties) {
		super(dataSource, properties);
	}

}
