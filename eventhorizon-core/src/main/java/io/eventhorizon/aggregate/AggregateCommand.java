package io.eventhorizon.aggregate;

/**
 * One attempt of a command on an aggregate: validates against the aggregate's state and
 * records the events it decides on. It must not change the state itself: the events
 * change it once they are committed. May run more than once (after a lost
 * optimistic-locking race, with the state refreshed); nothing an earlier run recorded was
 * written.
 *
 * @param <A> the aggregate's state type
 * @param <T> the command's result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface AggregateCommand<A, T> {

	/**
	 * Runs one attempt.
	 * @param aggregate the aggregate's state, current as of the version the events are
	 * appended after
	 * @param events where to record the events
	 * @return the command's result
	 */
	T handle(A aggregate, AggregateEvents events);

}
