package io.eventhorizon.spring.observation;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation.HighCardinalityKeyNames;
import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The keys every default convention of EventHorizon gives: the stream's top segment and
 * the outcome (low cardinality), the stream and the cursor (high cardinality). To replace
 * a convention, declare a {@code GlobalObservationConvention} bean for its context; Boot
 * registers it with the {@code ObservationRegistry}.
 * <p>
 * Thread-safe: holds no state.
 *
 * @param <C> the context
 * @since 0.1.0
 */
public abstract class EventHorizonObservationConvention<C extends EventHorizonObservationContext>
		implements ObservationConvention<C> {

	private static final String NONE = "none";

	private final String name;

	private final Class<C> contextType;

	/**
	 * Creates the convention.
	 * @param name the observation's name
	 * @param contextType the context it supports
	 */
	protected EventHorizonObservationConvention(String name, Class<C> contextType) {
		this.name = name;
		this.contextType = contextType;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return this.contextType.isInstance(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(C context) {
		return KeyValues.of(LowCardinalityKeyNames.STREAM_TOP.withValue(topSegment(context.getStream())),
				LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(C context) {
		Cursor cursor = context.getCursor();
		return KeyValues.of(HighCardinalityKeyNames.STREAM.withValue(context.getStream().toString()),
				HighCardinalityKeyNames.CURSOR.withValue((cursor != null) ? cursor.toString() : NONE));
	}

	// "/bank/accounts/42" is in "bank"; the root is "/".
	private static String topSegment(StreamName stream) {
		String name = stream.toString();
		int end = name.indexOf('/', 1);
		return stream.isRoot() ? "/" : name.substring(1, (end < 0) ? name.length() : end);
	}

}
