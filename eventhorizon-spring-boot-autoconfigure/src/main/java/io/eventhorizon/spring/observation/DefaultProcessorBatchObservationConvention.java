package io.eventhorizon.spring.observation;

import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of {@link EventHorizonObservationDocumentation#PROCESSOR_BATCH
 * processor batches}: named {@code eventhorizon.processor.batch}, with the processor, the
 * stream's top segment and the outcome as low-cardinality keys.
 * <p>
 * Thread-safe: holds no state.
 *
 * @since 0.1.0
 */
public class DefaultProcessorBatchObservationConvention
		extends EventHorizonObservationConvention<ProcessorBatchObservationContext> {

	/** The shared instance. */
	public static final DefaultProcessorBatchObservationConvention INSTANCE = new DefaultProcessorBatchObservationConvention();

	/**
	 * Creates the convention.
	 */
	public DefaultProcessorBatchObservationConvention() {
		super("eventhorizon.processor.batch", ProcessorBatchObservationContext.class);
	}

	@Override
	public String getContextualName(ProcessorBatchObservationContext context) {
		return "process " + context.getProcessor();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ProcessorBatchObservationContext context) {
		return super.getLowCardinalityKeyValues(context)
			.and(LowCardinalityKeyNames.PROCESSOR.withValue(context.getProcessor()));
	}

}
