package io.eventhorizon.spring;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.eventhorizon.aggregate.AggregateStateFormat;
import io.eventhorizon.aggregate.AggregateType;
import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.client.AttemptScope;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Makes the {@link Aggregates} of an {@link Aggregate} class: reads its declaration,
 * checks it (a wrong one fails the startup with an {@link InvalidAggregateException}
 * naming the class), and creates its parent stream when the application creates streams
 * at startup.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class AggregatesFactory {

	private final EventLog eventLog;

	private final @Nullable SnapshotStore snapshotStore;

	private final EventLineCodec codec;

	private final Executor snapshotExecutor;

	private final Settings settings;

	private final UnaryOperator<String> placeholders;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	/**
	 * Creates the factory.
	 * @param eventLog the event log
	 * @param snapshotStore the snapshot store, or {@code null} for none
	 * @param codec the application's event codec (its types and JSON mapper)
	 * @param snapshotExecutor where snapshots are written
	 * @param settings the commands' and the cache's settings
	 * @param placeholders resolves placeholders in the declarations
	 */
	public AggregatesFactory(EventLog eventLog, @Nullable SnapshotStore snapshotStore, EventLineCodec codec,
			Executor snapshotExecutor, Settings settings, UnaryOperator<String> placeholders) {
		this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
		this.snapshotStore = snapshotStore;
		this.codec = Objects.requireNonNull(codec, "codec must not be null");
		this.snapshotExecutor = Objects.requireNonNull(snapshotExecutor, "snapshotExecutor must not be null");
		this.settings = Objects.requireNonNull(settings, "settings must not be null");
		this.placeholders = Objects.requireNonNull(placeholders, "placeholders must not be null");
	}

	/**
	 * Sets the registry of the observations of command attempts (see
	 * {@link io.eventhorizon.spring.observation.EventHorizonObservationDocumentation#COMMAND_ATTEMPT})
	 * of the aggregates created from now on; none are made without one.
	 * @param observationRegistry the registry
	 * @since 0.1.0
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
	}

	/**
	 * Returns the aggregates of an {@link Aggregate} class.
	 * @param <A> the aggregate class
	 * @param aggregateClass the class
	 * @return its aggregates
	 * @throws InvalidAggregateException if the class is declared wrongly
	 */
	public <A> Aggregates<A> create(Class<A> aggregateClass) {
		AggregateType<A> type = typeOf(aggregateClass);
		if (this.settings.createStreams()) {
			this.eventLog.bootstrap();
			Streams.createWithParents(this.eventLog, type.parent());
		}
		Aggregates.Builder<A> aggregates = Aggregates.builder(type, this.eventLog)
			.codec(this.codec)
			.snapshotExecutor(this.snapshotExecutor)
			.transactWritePolicy(this.settings.retryPolicy())
			.idempotencyWindow(this.settings.idempotencyWindow())
			.cache(this.settings.cacheMaximumSize(), this.settings.cacheExpireAfterAccess())
			.attemptScope(ObservedAttemptScope.of(AttemptScope.NONE, this.observationRegistry, type.name(),
					type.name()));
		if (this.snapshotStore != null) {
			aggregates.snapshotStore(this.snapshotStore);
		}
		return aggregates.build();
	}

	private <A> AggregateType<A> typeOf(Class<A> aggregateClass) {
		Aggregate declaration = AnnotatedElementUtils.findMergedAnnotation(aggregateClass, Aggregate.class);
		if (declaration == null) {
			throw invalid(aggregateClass, "is not annotated with @Aggregate", null);
		}
		Constructor<A> constructor = noArgumentConstructor(aggregateClass);
		A prototype = BeanUtils.instantiateClass(constructor);
		Map<Class<?>, HandlerMethod> handlers;
		EventTypes eventTypes;
		try {
			AnnotatedEventsProcessor.Handlers found = AnnotatedEventsProcessor.findHandlers(aggregateClass.getName(),
					prototype, this.codec.types());
			handlers = found.byPayloadClass();
			eventTypes = found.eventTypes();
		}
		catch (InvalidEventProcessorException ex) {
			throw invalid(aggregateClass, "has wrong @EventHandler methods: " + ex.getMessage(), ex);
		}
		for (HandlerMethod handler : handlers.values()) {
			if (Arrays.asList(handler.method().getParameterTypes()).contains(Cursor.class)) {
				throw invalid(aggregateClass, "has an @EventHandler method that takes a Cursor, which aggregates "
						+ "are not given: " + HandlerMethod.describe(handler.method()), null);
			}
		}
		String parentName = this.placeholders.apply(declaration.parent());
		StreamName parent;
		try {
			parent = StreamName.of(parentName);
		}
		catch (InvalidStreamNameException ex) {
			throw invalid(aggregateClass, "has an invalid parent \"" + parentName + "\": " + ex.getMessage(), ex);
		}
		AggregateType.Builder<A> type = AggregateType.<A>builder(aggregateClass.getSimpleName(), parent)
			.eventTypes(eventTypes)
			.newState(() -> BeanUtils.instantiateClass(constructor))
			.eventHandler((aggregate, event) -> {
				HandlerMethod handler = handlers.get(event.payload().getClass());
				if (handler != null) {
					// Aggregates have no entry cursor to give; handlers that want one are refused above.
					handler.invokeOn(aggregate, event, parent.beginning());
				}
			});
		String perspective = this.placeholders.apply(declaration.snapshotPerspective());
		if (!perspective.isEmpty()) {
			try {
				type.snapshots(SnapshotPerspective.parse(perspective), declaration.snapshotEvery(),
						new JsonStateFormat<>(aggregateClass, this.codec.jsonMapper()));
			}
			catch (IllegalArgumentException ex) {
				throw invalid(aggregateClass, "has invalid snapshot settings: " + ex.getMessage(), ex);
			}
		}
		return type.build();
	}

	private static <A> Constructor<A> noArgumentConstructor(Class<A> aggregateClass) {
		try {
			return aggregateClass.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw invalid(aggregateClass, "has no constructor without arguments, which new aggregates are made with",
					ex);
		}
	}

	private static InvalidAggregateException invalid(Class<?> aggregateClass, String problem,
			@Nullable Throwable cause) {
		String message = "@Aggregate class " + aggregateClass.getName() + " " + problem;
		return (cause != null) ? new InvalidAggregateException(message, cause) : new InvalidAggregateException(message);
	}

	/**
	 * The settings of the aggregates' commands and cache.
	 *
	 * @param retryPolicy the attempts and backoff of a command
	 * @param idempotencyWindow how many of an aggregate's newest entries a key is looked up in
	 * @param cacheMaximumSize how many aggregates of one type are cached at most
	 * @param cacheExpireAfterAccess how long an aggregate not used stays cached
	 * @param createStreams whether to create the parent streams at startup
	 */
	public record Settings(RetryPolicy retryPolicy, int idempotencyWindow, long cacheMaximumSize,
			Duration cacheExpireAfterAccess, boolean createStreams) {
	}

	// The aggregate's fields as JSON, whatever their visibility; no getters.
	private static final class JsonStateFormat<A> implements AggregateStateFormat<A> {

		private final Class<A> aggregateClass;

		private final JsonMapper mapper;

		JsonStateFormat(Class<A> aggregateClass, JsonMapper mapper) {
			this.aggregateClass = aggregateClass;
			this.mapper = mapper.rebuild()
				.changeDefaultVisibility((visibility) -> visibility.withFieldVisibility(Visibility.ANY)
					.withGetterVisibility(Visibility.NONE)
					.withIsGetterVisibility(Visibility.NONE)
					.withSetterVisibility(Visibility.NONE))
				.build();
		}

		@Override
		public byte[] write(A state) {
			return this.mapper.writeValueAsBytes(state);
		}

		@Override
		public A read(byte[] data) {
			return this.mapper.readValue(data, this.aggregateClass);
		}

	}

}
