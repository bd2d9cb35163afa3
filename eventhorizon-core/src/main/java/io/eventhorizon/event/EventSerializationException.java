package io.eventhorizon.event;

/**
 * Thrown when an event payload cannot be written as JSON; nothing is written.
 *
 * @since 0.1.0
 */
public class EventSerializationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public EventSerializationException(String type, Throwable cause) {
		super("Cannot serialize event of type \"" + type + "\": " + cause.getMessage(), cause);
	}

}
