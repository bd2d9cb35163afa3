package io.eventhorizon.tree;

import io.eventhorizon.core.EventLog;

/**
 * Thrown when a {@link TreeReader} is built on an {@link EventLog} that keeps no
 * {@linkplain EventLog#changeFeed() change feed}: without it, finding the streams that
 * moved would mean reading every stream on every poll.
 *
 * @since 0.1.0
 */
public class NoChangeFeedException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception naming the event log that has no change feed.
	 * @param eventLog the event log
	 */
	public NoChangeFeedException(EventLog eventLog) {
		super("Event log " + eventLog.getClass().getName() + " keeps no change feed (changeFeed() is empty), "
				+ "so a tree of streams cannot be followed on it; use an InMemoryEventLog or a DynamoDbEventLog "
				+ "whose table has the feed index");
	}

}
