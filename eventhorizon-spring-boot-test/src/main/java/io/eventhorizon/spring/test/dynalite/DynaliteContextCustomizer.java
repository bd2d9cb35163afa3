package io.eventhorizon.spring.test.dynalite;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds the properties that point an application at the JVM's {@link Dynalite}, starting it
 * if needed. Two customizers with the same settings are equal, so test classes that use
 * the same settings share a cached context.
 * <p>
 * Immutable, so thread-safe.
 */
final class DynaliteContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "dynalite";

	private final boolean createTables;

	DynaliteContextCustomizer(boolean createTables) {
		this.createTables = createTables;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
		MapPropertySource dynalite = new MapPropertySource(PROPERTY_SOURCE_NAME,
				Dynalite.get().applicationProperties(this.createTables));
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		// Below the test's own properties, so that a test can still override one, but above
		// the application's configuration files.
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, dynalite);
		}
		else {
			sources.addFirst(dynalite);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DynaliteContextCustomizer customizer && customizer.createTables == this.createTables;
	}

	@Override
	public int hashCode() {
		return Boolean.hashCode(this.createTables);
	}

}
