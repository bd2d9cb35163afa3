package io.eventhorizon.spring.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The starter's own resources that a native image must include: the schema scripts of the
 * JDBC cursor tables.
 *
 * @since 0.1.0
 */
class EventHorizonRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("io/eventhorizon/spring/jdbc/*.sql");
	}

}
