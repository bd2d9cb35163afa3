package io.eventhorizon.spring.test.dynalite;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the application context of a {@link DynaliteTest @DynaliteTest} class at the JVM's
 * {@link Dynalite}. Registered by the annotation itself, so it costs other tests nothing.
 * <p>
 * Stateless, so thread-safe.
 *
 * @since 0.1.0
 */
public class DynaliteContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		DynaliteTest declaration = TestContextAnnotationUtils.findMergedAnnotation(testClass, DynaliteTest.class);
		return (declaration != null) ? new DynaliteContextCustomizer(declaration.createTables()) : null;
	}

}
