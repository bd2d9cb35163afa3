package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.Objects;

import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The classes annotated with {@link EventType} that the starter found in the application's
 * packages and in {@code eventhorizon.event-packages}. They are found while the bean
 * definitions are made: at startup, or at build time when the application is processed
 * ahead of time, where the classes are kept by name so that a native image, which cannot
 * scan its classpath, still knows them.
 * <p>
 * Immutable, so thread-safe.
 *
 * @since 0.1.0
 */
public final class ScannedEventTypes {

	/** The name of the bean that holds them. */
	public static final String BEAN_NAME = "eventHorizonScannedEventTypes";

	private final List<String> classNames;

	/**
	 * Creates the list.
	 * @param classNames the fully qualified names of the annotated classes
	 */
	public ScannedEventTypes(List<String> classNames) {
		this.classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames must not be null"));
	}

	/**
	 * Returns the names of the annotated classes.
	 * @return the fully qualified class names
	 */
	public List<String> classNames() {
		return this.classNames;
	}

	/**
	 * Returns the annotated classes, loaded.
	 * @param classLoader the class loader of the application, or {@code null} for the default
	 * @return the classes
	 * @throws IllegalArgumentException if a class cannot be loaded
	 */
	public List<Class<?>> classes(@Nullable ClassLoader classLoader) {
		return this.classNames.stream()
			.<Class<?>>map((className) -> ClassUtils.resolveClassName(className, classLoader))
			.toList();
	}

	/**
	 * Returns the event types of the annotated classes.
	 * @param classLoader the class loader of the application, or {@code null} for the default
	 * @return the event types
	 */
	EventTypes eventTypes(@Nullable ClassLoader classLoader) {
		EventTypes.Builder types = EventTypes.builder();
		classes(classLoader).forEach(types::register);
		return types.build();
	}

}
