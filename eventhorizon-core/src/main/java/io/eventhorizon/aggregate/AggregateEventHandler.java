package io.eventhorizon.aggregate;

import io.eventhorizon.event.Event;

/**
 * Applies one committed event to an aggregate's state. It must check before it changes
 * anything, so that an event it rejects leaves the state as it was.
 *
 * @param <A> the aggregate's state type
 * @since 0.1.0
 */
@FunctionalInterface
public interface AggregateEventHandler<A> {

	/**
	 * Applies an event.
	 * @param aggregate the state to change
	 * @param event the event
	 */
	void apply(A aggregate, Event event);

}
