package io.eventhorizon.spring;

import java.util.function.Consumer;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.observation.DefaultProcessorBatchObservationConvention;
import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation;
import io.eventhorizon.spring.observation.EventHorizonObservations;
import io.eventhorizon.spring.observation.ProcessorBatchObservationContext;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes one batch of a processor: its whole call with the Reader's handler (its
 * transaction included), with the cursors the handler sees. Thread-safe: holds no state.
 */
final class BatchObservation {

	private final ObservationRegistry registry;

	private final String processor;

	BatchObservation(ObservationRegistry registry, String processor) {
		this.registry = registry;
		this.processor = processor;
	}

	/**
	 * Runs the processor's call with the handler, observed.
	 * @param stream the stream of the entry
	 * @param handler the Reader's handler
	 * @param processEvents the processor's call
	 */
	void run(StreamName stream, EntryHandler handler, Consumer<EntryHandler> processEvents) {
		ProcessorBatchObservationContext context = new ProcessorBatchObservationContext(this.processor, stream);
		EventHorizonObservations.observe(EventHorizonObservationDocumentation.PROCESSOR_BATCH,
				DefaultProcessorBatchObservationConvention.INSTANCE, context, this.registry, () -> {
					processEvents.accept((storedCursor, handleEvent, commit) -> {
						context.setCursor(storedCursor);
						handler.handle(storedCursor, handleEvent, (cursor) -> {
							commit.accept(cursor);
							context.setCursor(cursor);
						});
					});
					return null;
				});
	}

}
