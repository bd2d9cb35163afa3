package io.eventhorizon.spring;

import java.util.List;
import java.util.function.Supplier;

import io.eventhorizon.client.AttemptScope;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.spring.observation.CommandAttemptObservationContext;
import io.eventhorizon.spring.observation.DefaultCommandAttemptObservationConvention;
import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation;
import io.eventhorizon.spring.observation.EventHorizonObservations;
import io.micrometer.observation.ObservationRegistry;

/**
 * Makes an observation of each attempt of a command, around the scope it runs in (so a
 * database transaction of the attempt is inside it). Thread-safe, as its delegate is.
 */
final class ObservedAttemptScope implements AttemptScope {

	private final AttemptScope delegate;

	private final ObservationRegistry registry;

	private final String command;

	private final String processors;

	private ObservedAttemptScope(AttemptScope delegate, ObservationRegistry registry, String command,
			String processors) {
		this.delegate = delegate;
		this.registry = registry;
		this.command = command;
		this.processors = processors;
	}

	/**
	 * Returns the scope observed, or as it is when nothing observes.
	 */
	static AttemptScope of(AttemptScope scope, ObservationRegistry registry, String command, String processors) {
		return registry.isNoop() ? scope : new ObservedAttemptScope(scope, registry, command, processors);
	}

	@Override
	public void beforeCommand() {
		this.delegate.beforeCommand();
	}

	@Override
	public <T> T around(Supplier<T> attemptAndCommit) {
		return this.delegate.around(attemptAndCommit);
	}

	@Override
	public <T> T around(List<Cursor> validated, Supplier<T> attemptAndCommit) {
		CommandAttemptObservationContext context = new CommandAttemptObservationContext(this.command,
				this.processors, validated.get(0));
		return EventHorizonObservations.observe(EventHorizonObservationDocumentation.COMMAND_ATTEMPT,
				DefaultCommandAttemptObservationConvention.INSTANCE, context, this.registry,
				() -> this.delegate.around(validated, attemptAndCommit));
	}

}
