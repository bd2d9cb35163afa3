package io.eventhorizon.spring.observation;

import io.eventhorizon.core.StreamName;

/**
 * The context of a {@link EventHorizonObservationDocumentation#PROCESSOR_BATCH processor
 * batch}'s observation; its cursor is the processor's stored one once the processor has
 * read it, and the entry's once committed.
 * <p>
 * Not thread-safe: filled by the thread that feeds the processor.
 *
 * @since 0.1.0
 */
public class ProcessorBatchObservationContext extends EventHorizonObservationContext {

	private final String processor;

	/**
	 * Creates the context.
	 * @param processor the processor's name
	 * @param stream the stream of the entry
	 */
	public ProcessorBatchObservationContext(String processor, StreamName stream) {
		super(stream, null);
		this.processor = processor;
	}

	/**
	 * Returns the processor's name.
	 * @return the name
	 */
	public String getProcessor() {
		return this.processor;
	}

}
