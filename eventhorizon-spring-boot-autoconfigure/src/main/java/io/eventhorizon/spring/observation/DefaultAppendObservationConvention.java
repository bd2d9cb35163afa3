package io.eventhorizon.spring.observation;

/**
 * The default convention of {@link EventHorizonObservationDocumentation#APPEND appends}:
 * named {@code eventhorizon.append}, with the stream's top segment and the outcome as
 * low-cardinality keys.
 * <p>
 * Thread-safe: holds no state.
 *
 * @since 0.1.0
 */
public class DefaultAppendObservationConvention extends EventHorizonObservationConvention<AppendObservationContext> {

	/** The shared instance. */
	public static final DefaultAppendObservationConvention INSTANCE = new DefaultAppendObservationConvention();

	/**
	 * Creates the convention.
	 */
	public DefaultAppendObservationConvention() {
		super("eventhorizon.append", AppendObservationContext.class);
	}

	@Override
	public String getContextualName(AppendObservationContext context) {
		return "append";
	}

}
