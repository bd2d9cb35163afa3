package io.eventhorizon.spring.observation;

import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of {@link EventHorizonObservationDocumentation#COMMAND_ATTEMPT
 * command attempts}: named {@code eventhorizon.command.attempt}, with the command, its
 * processors, the stream's top segment and the outcome as low-cardinality keys.
 * <p>
 * Thread-safe: holds no state.
 *
 * @since 0.1.0
 */
public class DefaultCommandAttemptObservationConvention
		extends EventHorizonObservationConvention<CommandAttemptObservationContext> {

	/** The shared instance. */
	public static final DefaultCommandAttemptObservationConvention INSTANCE = new DefaultCommandAttemptObservationConvention();

	/**
	 * Creates the convention.
	 */
	public DefaultCommandAttemptObservationConvention() {
		super("eventhorizon.command.attempt", CommandAttemptObservationContext.class);
	}

	@Override
	public String getContextualName(CommandAttemptObservationContext context) {
		return "command " + context.getCommand();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CommandAttemptObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(
				LowCardinalityKeyNames.COMMAND.withValue(context.getCommand()),
				LowCardinalityKeyNames.PROCESSOR.withValue(context.getProcessors()));
	}

}
