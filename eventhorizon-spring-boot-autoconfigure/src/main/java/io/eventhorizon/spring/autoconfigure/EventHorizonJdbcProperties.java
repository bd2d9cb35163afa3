package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.spring.jdbc.JdbcCursorStore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * Configuration of the tables of transactional processors' cursors
 * ({@code eventhorizon.jdbc.*}): {@code eventhorizon_cursors},
 * {@code eventhorizon_tree_cursors} and {@code eventhorizon_tree_positions}, created through
 * Spring Boot's database initialisation, after Flyway and Liquibase.
 * <p>
 * A failing statement stops the startup by default: the shipped scripts only create what
 * is missing, so a failure is a real one (no permission, no schema) that would otherwise
 * surface at a processor's first entry.
 * <p>
 * Not thread-safe: bound once at startup, then only read.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("eventhorizon.jdbc")
public class EventHorizonJdbcProperties extends DatabaseInitializationProperties {

	public EventHorizonJdbcProperties() {
		setContinueOnError(false);
	}

	@Override
	public String getDefaultSchemaLocation() {
		return JdbcCursorStore.SCHEMA;
	}

}
