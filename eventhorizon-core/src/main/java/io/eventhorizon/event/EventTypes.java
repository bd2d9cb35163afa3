package io.eventhorizon.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of event types: stored type name to payload class and back. Always knows
 * the meta events ({@link MetaEvents}). A reader skips a type it does not know; a writer
 * refuses a class that is not registered.
 * <p>
 * Instances are immutable and thread-safe; the {@link Builder} is not.
 *
 * @since 0.1.0
 */
public final class EventTypes {

	private final Map<String, Class<?>> classesByName;

	private final Map<Class<?>, String> namesByClass;

	private EventTypes(Map<String, Class<?>> classesByName) {
		this.classesByName = Collections.unmodifiableMap(new LinkedHashMap<>(classesByName));
		Map<Class<?>, String> namesByClass = new LinkedHashMap<>();
		classesByName.forEach((name, type) -> namesByClass.put(type, name));
		this.namesByClass = Collections.unmodifiableMap(namesByClass);
	}

	/**
	 * Returns a builder that already knows the meta events.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder().register(MetaEvents.StreamStarted.class).register(MetaEvents.ChildStreamCreated.class);
	}

	/**
	 * Returns a registry of the meta events and the given {@link EventType}-annotated
	 * classes.
	 * @param annotatedClasses payload classes annotated with {@link EventType}
	 * @return the registry
	 */
	public static EventTypes of(Class<?>... annotatedClasses) {
		Builder builder = builder();
		for (Class<?> annotatedClass : annotatedClasses) {
			builder.register(annotatedClass);
		}
		return builder.build();
	}

	/**
	 * Returns the payload class registered under a type name.
	 * @param name the stored type name
	 * @return the class, or empty when the type is unknown
	 */
	public Optional<Class<?>> classOf(String name) {
		return Optional.ofNullable(this.classesByName.get(name));
	}

	/**
	 * Returns the type name a payload class is stored under: its registered name, or else
	 * the name of its {@link EventType} annotation (writing needs no registration; reading
	 * does, to map names to classes).
	 * @param payloadClass the class
	 * @return the stored type name
	 * @throws UnregisteredEventTypeException if the class is neither registered nor
	 * annotated
	 * @throws IllegalArgumentException if the annotation's name is registered for another
	 * class
	 */
	public String nameOf(Class<?> payloadClass) {
		String name = this.namesByClass.get(payloadClass);
		if (name != null) {
			return name;
		}
		EventType annotation = payloadClass.getAnnotation(EventType.class);
		if (annotation == null) {
			throw new UnregisteredEventTypeException(payloadClass);
		}
		Class<?> registered = this.classesByName.get(annotation.value());
		if (registered != null) {
			throw new IllegalArgumentException("Event class " + payloadClass.getName() + " is annotated as \""
					+ annotation.value() + "\", which is registered for " + registered.getName());
		}
		return annotation.value();
	}

	/**
	 * Returns every registered type name.
	 * @return the type names, in registration order
	 */
	public Set<String> names() {
		return this.classesByName.keySet();
	}

	/**
	 * Collects event types. Not thread-safe.
	 */
	public static final class Builder {

		private final Map<String, Class<?>> classesByName = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Registers a class under the name of its {@link EventType} annotation.
		 * @param annotatedClass a payload class annotated with {@link EventType}
		 * @return this builder
		 * @throws IllegalArgumentException if the class has no {@link EventType}, or the
		 * name is taken by another class
		 */
		public Builder register(Class<?> annotatedClass) {
			Objects.requireNonNull(annotatedClass, "annotatedClass must not be null");
			EventType type = annotatedClass.getAnnotation(EventType.class);
			if (type == null) {
				throw new IllegalArgumentException("Event class " + annotatedClass.getName()
						+ " has no @EventType annotation; register it with a type name instead");
			}
			return register(type.value(), annotatedClass);
		}

		/**
		 * Registers a class under a type name.
		 * @param name the stored type name, such as {@code account.Deposited}
		 * @param payloadClass the payload class
		 * @return this builder
		 * @throws IllegalArgumentException if the name is blank or taken by another class,
		 * or the class is registered under another name
		 */
		public Builder register(String name, Class<?> payloadClass) {
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(payloadClass, "payloadClass must not be null");
			if (name.isBlank() || !name.strip().equals(name)) {
				throw new IllegalArgumentException(
						"Event type name \"" + name + "\" of " + payloadClass.getName() + " is blank or padded");
			}
			Class<?> existing = this.classesByName.get(name);
			if (existing != null && !existing.equals(payloadClass)) {
				throw new IllegalArgumentException("Event type name \"" + name + "\" is taken by " + existing.getName()
						+ "; cannot register " + payloadClass.getName() + " under it");
			}
			this.classesByName.forEach((otherName, otherClass) -> {
				if (otherClass.equals(payloadClass) && !otherName.equals(name)) {
					throw new IllegalArgumentException("Event class " + payloadClass.getName()
							+ " is registered as \"" + otherName + "\" already; cannot register it as \"" + name + "\"");
				}
			});
			this.classesByName.put(name, payloadClass);
			return this;
		}

		/**
		 * Returns the registry.
		 * @return an immutable registry
		 */
		public EventTypes build() {
			return new EventTypes(this.classesByName);
		}

	}

}
