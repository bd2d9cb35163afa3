package io.eventhorizon.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image holds the shipped scripts of the cursor tables.
 */
class EventHorizonJdbcRuntimeHintsTests {

	@Test
	void everyShippedSchemaScriptIsANativeImageResource() {
		RuntimeHints hints = new RuntimeHints();

		new EventHorizonJdbcAutoConfiguration.SchemaScriptsRuntimeHints().registerHints(hints,
				getClass().getClassLoader());

		assertThat(RuntimeHintsPredicates.resource().forResource("io/eventhorizon/spring/jdbc/schema-h2.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("io/eventhorizon/spring/jdbc/schema-postgresql.sql"))
			.accepts(hints);
	}

}
