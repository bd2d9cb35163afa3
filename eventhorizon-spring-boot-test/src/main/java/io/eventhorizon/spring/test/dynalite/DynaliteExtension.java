package io.eventhorizon.spring.test.dynalite;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension of {@link DynaliteTest @DynaliteTest}: starts the JVM's
 * {@link Dynalite} before the test class, so that a missing Node.js fails the class with
 * its message, and hands it to parameters of type {@link Dynalite}. May also be registered
 * on its own with {@code @ExtendWith(DynaliteExtension.class)}, for tests without Spring.
 * <p>
 * Stateless, so thread-safe.
 *
 * @since 0.1.0
 */
public class DynaliteExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		Dynalite.get();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
		return parameter.getParameter().getType() == Dynalite.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
		return Dynalite.get();
	}

}
