package io.eventhorizon.spring.observation;

import io.eventhorizon.core.StreamName;

/**
 * The context of an {@link EventHorizonObservationDocumentation#APPEND append}'s
 * observation; its cursor is the entry's, once written.
 * <p>
 * Not thread-safe: filled by the thread that appends.
 *
 * @since 0.1.0
 */
public class AppendObservationContext extends EventHorizonObservationContext {

	/**
	 * Creates the context.
	 * @param stream the stream appended to
	 */
	public AppendObservationContext(StreamName stream) {
		super(stream, null);
	}

}
