package io.eventhorizon.event;

import java.util.Objects;

/**
 * One event: a payload (an instance of a class registered in {@link EventTypes}) and its
 * {@link EventMeta}. Immutable as long as the payload is.
 *
 * @param payload the payload, such as {@code new Deposited("a1", 100)}
 * @param meta the metadata
 * @since 0.1.0
 */
public record Event(Object payload, EventMeta meta) {

	public Event {
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(meta, "meta must not be null");
	}

	/**
	 * Returns an event.
	 * @param payload the payload
	 * @param meta the metadata
	 * @return the event
	 */
	public static Event of(Object payload, EventMeta meta) {
		return new Event(payload, meta);
	}

}
