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
import io.eventhorizon.process.TreeProcessManager;
import io.eventhorizon.tree.TreeProcessor;
import io.eventhorizon.tree.TreeReader;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The processors of the application: every {@link EventProcessor} bean (adapted) and
 * every bean that implements {@link EventsProcessor} itself, each with its {@link Reader},
 * and every {@link EventProcessor#tree() read model of a tree} and every
 * {@link TreeProcessManager} bean with its {@link TreeReader}.
 * Built and checked once all singletons exist: a wrongly declared processor or
 * {@link TransactionalAppend} method fails the startup with a message naming it.
 * <p>
 * Thread-safe once the context is refreshed.
 *
 * @since 0.1.0
 */
public class EventProcessorRegistry implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EventProcessorRegistry.class);

	private final ApplicationContext context;

	private final EventLog eventLog;

	private final EventTypes knownTypes;

	private final BiFunction<String, EventsProcessor, Reader.Builder> readers;

	private final Supplier<@Nullable TransactionalCursorStore> cursorStore;

	private final TreeReaders treeReaders;

	private final Supplier<@Nullable TransactionalTreeCursorStore> treeCursorStore;

	private final boolean createStreams;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private volatile Map<String, ProcessorRegistration> registrations = Map.of();

	private volatile Map<String, TreeProcessorRegistration> trees = Map.of();

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
		this(context, eventLog, knownTypes, readers, cursorStore,
				(name, processor, tree) -> TreeReader.builder(processor, eventLog, tree), () -> null, createStreams);
	}

	/**
	 * Creates the registry, with read models of trees; the processors are found in
	 * {@link #afterSingletonsInstantiated()}.
	 * @param context the application context
	 * @param eventLog the event log
	 * @param knownTypes the application's event types
	 * @param readers a configured Reader builder for a processor, given its name
	 * @param cursorStore the cursor store of transactional processors, if there is one
	 * @param treeReaders configured TreeReader builders for the read models of trees
	 * @param treeCursorStore the cursor store of transactional read models of trees, if
	 * there is one
	 * @param createStreams whether to create the processors' streams (and the root) at
	 * startup when missing
	 * @since 0.1.0
	 */
	public EventProcessorRegistry(ApplicationContext context, EventLog eventLog, EventTypes knownTypes,
			BiFunction<String, EventsProcessor, Reader.Builder> readers,
			Supplier<@Nullable TransactionalCursorStore> cursorStore, TreeReaders treeReaders,
			Supplier<@Nullable TransactionalTreeCursorStore> treeCursorStore, boolean createStreams) {
		this.context = context;
		this.eventLog = eventLog;
		this.knownTypes = knownTypes;
		this.readers = readers;
		this.cursorStore = cursorStore;
		this.treeReaders = treeReaders;
		this.treeCursorStore = treeCursorStore;
		this.createStreams = createStreams;
	}

	/**
	 * Sets the registry of the observations of the processors' batches (see
	 * {@link io.eventhorizon.spring.observation.EventHorizonObservationDocumentation#PROCESSOR_BATCH});
	 * none are made without one. Call before the processors are found.
	 * @param observationRegistry the registry
	 * @since 0.1.0
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, ProcessorRegistration> found = new LinkedHashMap<>();
		Map<String, TreeProcessorRegistration> trees = new LinkedHashMap<>();
		for (String beanName : this.context.getBeanNamesForAnnotation(EventProcessor.class)) {
			Object bean = this.context.getBean(beanName);
			EventProcessor annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(bean),
					EventProcessor.class);
			Objects.requireNonNull(annotation);
			if (followsTree(beanName, annotation)) {
				StreamName tree = treeOf(this.context.getEnvironment(), beanName, annotation);
				trees.put(beanName, registerTree(beanName, tree, adaptTree(beanName, tree, bean, annotation)));
			}
			else {
				found.put(beanName, register(beanName, adapt(beanName, bean, annotation)));
			}
		}
		for (Map.Entry<String, EventsProcessor> bean : this.context.getBeansOfType(EventsProcessor.class).entrySet()) {
			if (!found.containsKey(bean.getKey())) {
				EventsProcessor processor = bean.getValue();
				found.put(bean.getKey(), register(bean.getKey(), processor));
			}
		}
		for (Map.Entry<String, TreeProcessManager> bean : this.context.getBeansOfType(TreeProcessManager.class)
			.entrySet()) {
			TreeProcessManager manager = bean.getValue();
			trees.put(bean.getKey(), registerTree(bean.getKey(), manager.tree(), manager));
		}
		this.registrations = Collections.unmodifiableMap(found);
		this.trees = Collections.unmodifiableMap(trees);
		checkTransactionalAppendMethods();
		if (this.createStreams) {
			createStreams();
		}
	}

	/**
	 * Closes the TreeReaders, which ends the threads they read with.
	 */
	@Override
	public void destroy() {
		for (TreeProcessorRegistration registration : this.trees.values()) {
			registration.reader().close();
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
	 * Returns every read model of a tree.
	 * @return the read models of trees, in registration order
	 * @since 0.1.0
	 */
	public List<TreeProcessorRegistration> trees() {
		return List.copyOf(this.trees.values());
	}

	/**
	 * Returns a read model of a tree by its bean name.
	 * @param name the bean name
	 * @return the read model, or empty
	 * @since 0.1.0
	 */
	public Optional<TreeProcessorRegistration> treeByName(String name) {
		return Optional.ofNullable(this.trees.get(name));
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

	static boolean followsTree(String beanName, EventProcessor annotation) {
		if (annotation.stream().isEmpty() == annotation.tree().isEmpty()) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' "
					+ (annotation.stream().isEmpty() ? "sets neither stream nor tree"
							: "sets both stream \"" + annotation.stream() + "\" and tree \"" + annotation.tree() + "\"")
					+ ": set exactly one, stream for a read model of one stream, tree for every stream below a parent");
		}
		return !annotation.tree().isEmpty();
	}

	private EventsProcessor adapt(String beanName, Object bean, EventProcessor annotation) {
		Object target = Objects.requireNonNullElse(AopProxyUtils.getSingletonTarget(bean), bean);
		StreamName stream = streamOf(this.context.getEnvironment(), beanName, "stream", annotation.stream());
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
			refuseSnapshotsInTheDatabase(beanName, perspective);
		}
		return new AnnotatedEventsProcessor(beanName, target, stream, perspective, handlers, store);
	}

	private TreeProcessor adaptTree(String beanName, StreamName tree, Object bean, EventProcessor annotation) {
		Object target = Objects.requireNonNullElse(AopProxyUtils.getSingletonTarget(bean), bean);
		SnapshotPerspective perspective = perspectiveOf(beanName, annotation, target);
		AnnotatedEventsProcessor.Handlers handlers = AnnotatedEventsProcessor.findHandlers(beanName, target,
				this.knownTypes);
		if (annotation.transactional()) {
			TransactionalTreeCursorStore store = this.treeCursorStore.get();
			if (store == null) {
				throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName
						+ "' is transactional, but there is no TransactionalTreeCursorStore: add spring-jdbc, a "
						+ "DataSource and a transaction manager (spring-boot-starter-jdbc), or define a "
						+ "TransactionalTreeCursorStore bean");
			}
			refuseSnapshotsInTheDatabase(beanName, perspective);
			return new TransactionalTreeProcessor(beanName, tree, handlers, store);
		}
		return new AnnotatedTreeProcessor(beanName, target, tree, perspective, handlers);
	}

	static StreamName treeOf(PropertyResolver properties, String beanName, EventProcessor annotation) {
		StreamName tree = streamOf(properties, beanName, "tree", annotation.tree());
		if (tree.isRoot()) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' has the tree \""
					+ annotation.tree() + "\", the root: follow a stream below it, such as /bank");
		}
		return tree;
	}

	static StreamName streamOf(PropertyResolver properties, String beanName, String attribute, String name) {
		try {
			return StreamName.of(properties.resolveRequiredPlaceholders(name));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' has a bad " + attribute
					+ " \"" + name + "\": " + ex.getMessage(), ex);
		}
	}

	private static void refuseSnapshotsInTheDatabase(String beanName, @Nullable SnapshotPerspective perspective) {
		if (perspective != null) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName
					+ "' is transactional and has a snapshot perspective: snapshots are for read models in memory");
		}
	}

	static @Nullable SnapshotPerspective perspectiveOf(String beanName, EventProcessor annotation,
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
		StreamName stream = discoverStream(name, processor);
		EventsProcessor fed = this.observationRegistry.isNoop() ? processor
				: new ObservedEventsProcessor(processor, stream, new BatchObservation(this.observationRegistry, name));
		Reader reader = this.readers.apply(name, fed).build();
		return new ProcessorRegistration(name, stream, processor, reader, () -> cursorOf(processor, reader));
	}

	private TreeProcessorRegistration registerTree(String name, StreamName tree, TreeProcessor processor) {
		TreeReader reader;
		try {
			TreeProcessor fed = this.observationRegistry.isNoop() ? processor
					: new ObservedTreeProcessor(processor, new BatchObservation(this.observationRegistry, name));
			reader = this.treeReaders.builder(name, fed, tree).build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventProcessorException("Processor bean '" + name + "' follows the tree " + tree
					+ ", which cannot be read: " + ex.getMessage(), ex);
		}
		return new TreeProcessorRegistration(name, tree, processor, reader);
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
						+ ((annotation.processors().length > 0) ? "processor '" + name + "', " + whyNoProcessor(name)
								: "its own bean, which is no processor: name the processors it validates against")
						+ "; processors: " + this.registrations.keySet());
			}
			dependencies.add(registration);
		}
		dependencies.sort((a, b) -> a.name().compareTo(b.name()));
		return dependencies;
	}

	// A name that is taken by something else than a processor is a declaration to fix, not a typo.
	private String whyNoProcessor(String name) {
		if (this.trees.containsKey(name)) {
			return "which is a read model of a tree (@EventProcessor(tree = ...)): commands validate against "
					+ "processors of one stream";
		}
		if (this.context.containsBean(name)) {
			Class<?> type = this.context.getType(name, false);
			return "but bean '" + name + "' (" + ((type != null) ? ClassUtils.getUserClass(type).getName() : "?")
					+ ") is no processor: annotate its class with @EventProcessor(stream = ...)";
		}
		return "which does not exist";
	}

	private void createStreams() {
		this.eventLog.bootstrap();
		for (ProcessorRegistration registration : this.registrations.values()) {
			Streams.createWithParents(this.eventLog, registration.stream());
		}
		for (TreeProcessorRegistration registration : this.trees.values()) {
			Streams.createWithParents(this.eventLog, registration.tree());
		}
	}

	/**
	 * Builds the configured {@link TreeReader} of a read model of a tree.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	public interface TreeReaders {

		/**
		 * Returns a configured TreeReader builder.
		 * @param name the processor's name
		 * @param processor the processor
		 * @param tree the parent whose streams it follows
		 * @return the builder
		 */
		TreeReader.Builder builder(String name, TreeProcessor processor, StreamName tree);

	}

}
