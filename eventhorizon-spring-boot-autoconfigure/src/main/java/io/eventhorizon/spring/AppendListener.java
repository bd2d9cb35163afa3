package io.eventhorizon.spring;

import java.time.Duration;

import io.eventhorizon.core.StreamName;

/**
 * Observes appends made through {@link EventHorizonTemplate} and runs of
 * {@link TransactionalAppend} methods, for example for metrics. Every bean of this type is
 * told. Implementations must be thread-safe and quick.
 *
 * @since 0.1.0
 */
public interface AppendListener {

	/**
	 * An append finished.
	 * @param stream the stream appended to
	 * @param latency how long it took
	 * @param outcome {@code success}, {@code conflict} (optimistic locking) or {@code error}
	 */
	default void appendFinished(StreamName stream, Duration latency, String outcome) {
	}

	/**
	 * A {@link TransactionalAppend} method finished, successfully or not.
	 * @param method the method, as {@code Class.method}
	 * @param attempts how many attempts it took
	 * @param exhausted whether every attempt lost an optimistic-locking race
	 */
	default void transactionalAppendFinished(String method, int attempts, boolean exhausted) {
	}

}
