package io.eventhorizon.event;

/**
 * Thrown when writing an event whose payload class is neither registered in
 * {@link EventTypes} nor annotated with {@link EventType}; nothing is written.
 *
 * @since 0.1.0
 */
public class UnregisteredEventTypeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final Class<?> payloadClass;

	public UnregisteredEventTypeException(Class<?> payloadClass) {
		super("Event class " + payloadClass.getName() + " is not an event type: annotate it with @EventType(\"...\") "
				+ "(the Spring Boot starter also registers, for reading, the annotated classes in the application's "
				+ "packages and in eventhorizon.event-packages), or register it explicitly under a type name with "
				+ "EventTypes.builder().register(\"...\", " + payloadClass.getSimpleName() + ".class)");
		this.payloadClass = payloadClass;
	}

	/**
	 * Returns the class that is not registered.
	 * @return the payload class
	 */
	public Class<?> getPayloadClass() {
		return this.payloadClass;
	}

}
