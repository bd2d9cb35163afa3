package io.eventhorizon.core;

/**
 * Base class of the failures an {@link EventLog} reports about the state of its streams.
 * Failures of the underlying store (network, throttling) pass through as they are.
 *
 * @since 0.1.0
 */
public abstract class EventLogException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected EventLogException(String message) {
		super(message);
	}

	protected EventLogException(String message, Throwable cause) {
		super(message, cause);
	}

}
