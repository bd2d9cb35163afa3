package io.eventhorizon.spring;

import io.eventhorizon.core.Cursor;

/**
 * An {@link EventHandler} of an {@link EventProcessor} bean failed to apply an event: names
 * the entry (its stream and position) and the event's type, with the handler's failure as
 * its cause, so that health, logs and the endpoint show which entry is held back and why.
 * <p>
 * Thrown from the Reader's or the tree reader's poll; immutable.
 *
 * @since 0.1.0
 */
public class EventHandlerFailedException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final Cursor entry;

	private final String eventType;

	/**
	 * Creates the exception.
	 * @param entry the entry whose event failed
	 * @param eventType the class name of the event's payload
	 * @param cause what the handler threw
	 */
	public EventHandlerFailedException(Cursor entry, String eventType, RuntimeException cause) {
		super("@EventHandler of " + eventType + " failed on entry " + entry + ": " + cause, cause);
		this.entry = entry;
		this.eventType = eventType;
	}

	/**
	 * Returns the entry whose event failed.
	 * @return the entry's cursor
	 */
	public Cursor entry() {
		return this.entry;
	}

	/**
	 * Returns the class name of the event's payload.
	 * @return the event type
	 */
	public String eventType() {
		return this.eventType;
	}

}
