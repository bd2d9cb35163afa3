package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The processors of the application: every {@link EventProcessor} bean (adapted) and
 * every bean that implements {@link EventsProcessor} itself, each with its {@link Reader}.
 * Built and checked once all singletons exist: a wrongly declared processor or
 * {@link TransactionalAppend} method fails the startup with a message naming it.
 * <p>
 * Thread-safe once the context is refreshed.
 *
 * @since 0.1.0
 */
public class EventProcessorRegistry implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(EventProcessorRegistry.class);

	private final ApplicationContext context;

	private final EventLog eventLog;

	private final EventTypes knownTypes;

	private final BiFunction<String, EventsProcessor, Reader.Builder> readers;

	private final Supplier<@Nullable TransactionalCursorStore> cursorStore;

	private final boolean createStreams;

	private volatile Map<String, ProcessorRegistration> registrations = Map.of();

	/**
	 * Creates the registry; the processors are found in
	 * {@link #afterSingletonsInstantiated()}.
	 * @param context the application context
	 * @param eventLog the event log
	 * @param knownTypes the application's event types
	 * @param readers a configured Reader builder for a processor, given its name
	 * @param cursorStore the cursor store of transactional processors, if there is one
	 * @param createStreams whether to create the processors' streams (and the root) at
	 * startup when missing
	 */
	public EventProcessorRegistry(ApplicationContext context, EventLog eventLog, EventTypes knownTypes,
			BiFunction<String, EventsProcessor, Reader.Builder> readers,
			Supplier<@Nullable TransactionalCursorStore> cursorStore,
			boolean createStreams) {
		this.context = context;
		this.eventLog = eventLog;
		this.knownTypes = knownTypes;
		this.readers = readers;
		this.cursorStore = cursorStore;
		this.createStreams = createStreams;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, ProcessorRegistration> found = new LinkedHashMap<>();
		for (String beanName : this.context.getBeanNamesForAnnotation(EventProcessor.class)) {
			found.put(beanName, register(beanName, adapt(beanName)));
		}
		for (Map.Entry<String, EventsProcessor> bean : this.context.getBeansOfType(EventsProcessor.class).entrySet()) {
			if (!found.containsKey(bean.getKey())) {
				EventsProcessor processor = bean.getValue();
				found.put(bean.getKey(), register(bean.getKey(), processor));
			}
		}
		this.registrations = Collections.unmodifiableMap(found);
		checkTransactionalAppendMethods();
		if (this.createStreams) {
			createStreams();
		}
	}

	/**
	 * Returns the event log the processors read.
	 * @return the event log
	 */
	public EventLog eventLog() {
		return this.eventLog;
	}

	/**
	 * Returns every processor.
	 * @return the processors, in registration order
	 */
	public List<ProcessorRegistration> all() {
		return List.copyOf(this.registrations.values());
	}

	/**
	 * Returns a processor by its bean name.
	 * @param name the bean name
	 * @return the processor, or empty
	 */
	public Optional<ProcessorRegistration> byName(String name) {
		return Optional.ofNullable(this.registrations.get(name));
	}

	/**
	 * Returns the processors that follow a stream.
	 * @param stream the stream
	 * @return the processors
	 */
	public List<ProcessorRegistration> following(StreamName stream) {
		return this.registrations.values().stream().filter((registration) -> registration.stream().equals(stream)).toList();
	}

	/**
	 * Gives every processor of the entry's stream an entry this application has just
	 * appended, on this thread: the processors for which it is the next entry take it
	 * without reading it back, the others are brought to realtime (see
	 * {@link Reader#offer(LogEntry)}). A processor that fails is logged and left to the
	 * synchronizer.
	 * @param entry the appended entry, with the data as written
	 */
	public void offer(LogEntry entry) {
		for (ProcessorRegistration registration : following(entry.cursor().stream())) {
			try {
				registration.reader().offer(entry);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not bring processor '{}' up to date after an append: {}", registration.name(),
						ex.toString());
			}
		}
	}

	private EventsProcessor adapt(String beanName) {
		Object bean = this.context.getBean(beanName);
		Object target = Objects.requireNonNullElse(AopProxyUtils.getSingletonTarget(bean), bean);
		EventProcessor annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(bean),
				EventProcessor.class);
		Objects.requireNonNull(annotation);
		StreamName stream = streamOf(beanName, annotation);
		SnapshotPerspective perspective = perspectiveOf(beanName, annotation, target);
		AnnotatedEventsProcessor.Handlers handlers = AnnotatedEventsProcessor.findHandlers(beanName, target,
				this.knownTypes);
		TransactionalCursorStore store = null;
		if (annotation.transactional()) {
			store = this.cursorStore.get();
			if (store == null) {
				throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName
						+ "' is transactional, but there is no TransactionalCursorStore: add spring-jdbc, a DataSource "
						+ "and a transaction manager (spring-boot-starter-jdbc), or define a TransactionalCursorStore bean");
			}
			if (perspective != null) {
				throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName
						+ "' is transactional and has a snapshot perspective: snapshots are for read models in memory");
			}
		}
		return new AnnotatedEventsProcessor(beanName, target, stream, perspective, handlers.byPayloadClass(),
				handlers.eventTypes(), store);
	}

	private StreamName streamOf(String beanName, EventProcessor annotation) {
		try {
			return StreamName.of(this.context.getEnvironment().resolveRequiredPlaceholders(annotation.stream()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' has a bad stream \""
					+ annotation.stream() + "\": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable SnapshotPerspective perspectiveOf(String beanName, EventProcessor annotation,
			Object target) {
		if (annotation.snapshotPerspective().isEmpty()) {
			return null;
		}
		if (!(target instanceof SnapshotState)) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' has the snapshot "
					+ "perspective \"" + annotation.snapshotPerspective() + "\" but does not implement SnapshotState");
		}
		try {
			return SnapshotPerspective.parse(annotation.snapshotPerspective());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventProcessorException(
					"@EventProcessor bean '" + beanName + "' has a bad snapshot perspective: " + ex.getMessage(), ex);
		}
	}

	private ProcessorRegistration register(String name, EventsProcessor processor) {
		Reader reader = this.readers.apply(name, processor).build();
		StreamName stream = discoverStream(name, processor);
		return new ProcessorRegistration(name, stream, processor, reader, () -> cursorOf(processor, reader));
	}

	private static Cursor cursorOf(EventsProcessor processor, Reader reader) {
		if (processor instanceof AnnotatedEventsProcessor annotated) {
			return annotated.cursor();
		}
		return reader.exclusively(processor::storedCursor);
	}

	private static StreamName discoverStream(String name, EventsProcessor processor) {
		if (processor instanceof AnnotatedEventsProcessor annotated) {
			return annotated.stream();
		}
		try {
			return processor.storedCursor().stream();
		}
		catch (RuntimeException ex) {
			throw new InvalidEventProcessorException(
					"Cannot find the stream of processor bean '" + name + "': " + ex.getMessage(), ex);
		}
	}

	private void checkTransactionalAppendMethods() {
		for (String beanName : this.context.getBeanDefinitionNames()) {
			Class<?> type = this.context.getType(beanName, false);
			if (type == null) {
				continue;
			}
			List<Method> methods = new ArrayList<>();
			ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), methods::add,
					(method) -> AnnotatedElementUtils.hasAnnotation(method, TransactionalAppend.class));
			for (Method method : methods) {
				requireAdvisable(beanName, method);
				dependenciesOf(beanName, method);
				IdempotencyKeyParameter.of(method);
			}
		}
	}

	// A proxy cannot intercept these: the method would run once, without attempts or locks.
	private static void requireAdvisable(String beanName, Method method) {
		int modifiers = method.getModifiers();
		String problem = Modifier.isStatic(modifiers) ? "static" : Modifier.isPrivate(modifiers) ? "private"
				: Modifier.isFinal(modifiers) ? "final" : null;
		if (problem != null) {
			throw new InvalidEventProcessorException("@TransactionalAppend method " + HandlerMethod.describe(method)
					+ " of bean '" + beanName + "' is " + problem + ": a proxy cannot advise it, so it would run "
					+ "without the advice; make it a public (or protected) instance method that is not final");
		}
	}

	/**
	 * Returns the processors a {@link TransactionalAppend} method depends on, sorted by
	 * name (the order in which they are locked).
	 * @param beanName the bean declaring the method
	 * @param method the method
	 * @return the processors
	 * @throws InvalidEventProcessorException if a named processor does not exist, or none
	 * is named and the bean is no processor
	 */
	List<ProcessorRegistration> dependenciesOf(String beanName, Method method) {
		TransactionalAppend annotation = AnnotatedElementUtils.findMergedAnnotation(method, TransactionalAppend.class);
		Objects.requireNonNull(annotation);
		List<String> names = (annotation.processors().length > 0) ? List.of(annotation.processors())
				: List.of(beanName);
		List<ProcessorRegistration> dependencies = new ArrayList<>();
		for (String name : names) {
			ProcessorRegistration registration = this.registrations.get(name);
			if (registration == null) {
				throw new InvalidEventProcessorException("@TransactionalAppend method " + HandlerMethod.describe(method)
						+ " of bean '" + beanName + "' depends on "
						+ ((annotation.processors().length > 0) ? "processor '" + name + "', which does not exist"
								: "its own bean, which is no processor: name the processors it validates against")
						+ "; processors: " + this.registrations.keySet());
			}
			dependencies.add(registration);
		}
		dependencies.sort((a, b) -> a.name().compareTo(b.name()));
		return dependencies;
	}

	private void createStreams() {
		this.eventLog.bootstrap();
		for (ProcessorRegistration registration : this.registrations.values()) {
			Streams.createWithParents(this.eventLog, registration.stream());
		}
	}

}
