package io.eventhorizon.client;

import java.util.function.Consumer;

import io.eventhorizon.event.Event;

/**
 * A receiver of an entry's events that also wants each event's line in the entry: the
 * position among all the entry's lines, counting those of types this version does not know.
 * A processor hands one to {@link EntryHandler#handle} as its {@code handleEvent} when it
 * needs a position that every version of it agrees on (such as the idempotency keys of a
 * process manager); the Reader then calls {@link #accept(Event, int)}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventAtLine extends Consumer<Event> {

	/**
	 * Receives one event.
	 * @param event the event
	 * @param line the event's line in the entry, from 0
	 */
	void accept(Event event, int line);

	/**
	 * Receives an event whose line is not known; such a receiver needs it, so it refuses.
	 * @param event the event
	 * @throws IllegalStateException always
	 */
	@Override
	default void accept(Event event) {
		throw new IllegalStateException("This receiver needs each event's line in its entry");
	}

}
