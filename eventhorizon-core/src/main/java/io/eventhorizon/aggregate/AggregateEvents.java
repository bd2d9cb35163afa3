package io.eventhorizon.aggregate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;

/**
 * The events one attempt of an {@link AggregateCommand} decides on: they are committed
 * together, as one entry of the aggregate's stream, when the command returns, or not at
 * all.
 * <p>
 * Not thread-safe: used by the thread that runs the attempt.
 *
 * @since 0.1.0
 */
public final class AggregateEvents {

	private final Clock clock;

	private final List<Event> events = new ArrayList<>();

	AggregateEvents(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records an event by the system user, at the current time.
	 * @param payload the event payload, of a registered event type
	 */
	public void append(Object payload) {
		append(payload, EventMeta.system(this.clock.instant()));
	}

	/**
	 * Records an event by a user, at the current time.
	 * @param payload the event payload, of a registered event type
	 * @param userId the user who caused it
	 */
	public void append(Object payload, String userId) {
		append(payload, EventMeta.of(this.clock.instant(), userId));
	}

	/**
	 * Records an event with its metadata.
	 * @param payload the event payload, of a registered event type
	 * @param meta the event's time and user
	 */
	public void append(Object payload, EventMeta meta) {
		this.events.add(Event.of(Objects.requireNonNull(payload, "payload must not be null"),
				Objects.requireNonNull(meta, "meta must not be null")));
	}

	List<Event> recorded() {
		return List.copyOf(this.events);
	}

}
