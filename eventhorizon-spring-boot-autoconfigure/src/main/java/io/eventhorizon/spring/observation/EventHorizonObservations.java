package io.eventhorizon.spring.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Runs work inside an EventHorizon observation, recording its outcome.
 *
 * @since 0.1.0
 */
public final class EventHorizonObservations {

	private EventHorizonObservations() {
	}

	/**
	 * Runs work inside an observation: started before, stopped after, with the outcome
	 * recorded in the context (and the failure, if any, on the observation).
	 * @param <T> the work's result type
	 * @param <C> the context type
	 * @param documentation the observation
	 * @param convention its default convention
	 * @param context its context
	 * @param registry the registry
	 * @param work the work
	 * @return what the work returned
	 */
	public static <T, C extends EventHorizonObservationContext> T observe(
			EventHorizonObservationDocumentation documentation, EventHorizonObservationConvention<C> convention,
			C context, ObservationRegistry registry, Supplier<T> work) {
		Observation observation = documentation.observation(null, convention, () -> context, registry).start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.get();
			context.succeeded();
			return result;
		}
		catch (RuntimeException | Error ex) {
			context.failed(ex);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
