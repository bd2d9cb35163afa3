package io.eventhorizon.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.eventhorizon.client.FailureClassifier;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.spring.AggregatesFactory;
import io.eventhorizon.spring.AppendListener;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ProcessorListeners;
import io.eventhorizon.spring.SpringFailureClassifier;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.TransactionalAppendInterceptor;
import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.TransactionalTreeCursorStore;
import io.eventhorizon.tree.TreeReader;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for EventHorizon: the event log and
 * snapshot store ({@code eventhorizon.store}: in memory by default, or DynamoDB), the event
 * types and the codec (with its own JSON mapper, see {@link EventHorizonJsonMapperCustomizer}),
 * the failure classifier of the poison policy, the {@code Aggregates} of {@code @Aggregate} classes, the processors of {@code @EventProcessor} beans with their Readers (or, for
 * read models of trees, their TreeReaders), the
 * {@link EventHorizonTemplate}, the {@code @TransactionalAppend} advice and the
 * synchronizer. Every bean backs off when the application defines its own. No call reaches
 * DynamoDB at startup unless a property asks for it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "eventhorizon.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventHorizonProperties.class)
@Import({ InMemoryStoreConfiguration.class, DynamoDbStoreConfiguration.class, EventHorizonProxyRegistrar.class,
		EventTypesRegistrar.class, AggregatesRegistrar.class })
public final class EventHorizonAutoConfiguration {

	/**
	 * The order of the {@code @TransactionalAppend} advice: before (outside)
	 * {@code @Transactional}, whose default order is {@link Ordered#LOWEST_PRECEDENCE}.
	 */
	public static final int TRANSACTIONAL_APPEND_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	/** The name of the bean that writes snapshots; define one to replace it. */
	public static final String SNAPSHOT_EXECUTOR = "eventHorizonSnapshotExecutor";

	/**
	 * The name of the {@code TaskScheduler} bean the synchronizer runs on; define one to
	 * replace it.
	 */
	public static final String SYNC_SCHEDULER = "eventHorizonSyncScheduler";

	@Bean
	@ConditionalOnMissingBean
	EventTypes eventHorizonEventTypes(ConfigurableListableBeanFactory beanFactory,
			@Qualifier(ScannedEventTypes.BEAN_NAME) ScannedEventTypes scannedEventTypes) {
		return scannedEventTypes.eventTypes(beanFactory.getBeanClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	EventLineCodec eventHorizonEventLineCodec(EventTypes eventTypes,
			ObjectProvider<EventHorizonJsonMapperCustomizer> customizers) {
		// Its own mapper: what is stored must not change with the application's HTTP settings.
		JsonMapper.Builder builder = JsonMapper.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new EventLineCodec(eventTypes, EventLineCodec.lineFormatMapper(builder));
	}

	@Bean
	@ConditionalOnMissingBean
	FailureClassifier eventHorizonFailureClassifier() {
		return new SpringFailureClassifier();
	}

	@Bean
	@ConditionalOnMissingBean
	EventProcessorRegistry eventHorizonProcessorRegistry(ApplicationContext context, EventLog eventLog,
			@Qualifier(SNAPSHOT_EXECUTOR) Executor snapshotExecutor, EventTypes eventTypes, EventLineCodec codec,
			FailureClassifier failureClassifier, ObjectProvider<SnapshotStore> snapshotStore,
			ObjectProvider<TransactionalCursorStore> cursorStore,
			ObjectProvider<TransactionalTreeCursorStore> treeCursorStore, ObjectProvider<ProcessorListeners> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, EventHorizonProperties properties) {
		SnapshotPolicy snapshotPolicy = new SnapshotPolicy(properties.getSnapshots().getMinInterval(),
				properties.getSnapshots().getMinEntries());
		RetryPolicy appendPolicy = appendPolicy(properties);
		EventHorizonProperties.Trees trees = properties.getTrees();
		EventProcessorRegistry.TreeReaders treeReaders = (name, processor, tree) -> {
			TreeReader.Builder reader = TreeReader.builder(processor, eventLog, tree)
				.snapshotPolicy(snapshotPolicy)
				.snapshotExecutor(snapshotExecutor)
				.poisonPolicy(properties.getProcessors().getPoisonPolicy())
				.poisonAttempts(properties.getProcessors().getPoisonAttempts())
				.failureClassifier(failureClassifier)
				.codec(codec)
				.listener(listenersOf(name, listeners))
				.overlap(trees.getOverlap())
				.backtrackWindow(trees.getBacktrackWindow())
				.backtrackInterval(trees.getBacktrackInterval())
				.sweepInterval(trees.getSweepInterval())
				.readConcurrency(trees.getReadConcurrency());
			snapshotStore.ifAvailable(reader::snapshotStore);
			return reader;
		};
		EventProcessorRegistry registry = new EventProcessorRegistry(context, eventLog, eventTypes, (name, processor) -> {
			Reader.Builder reader = Reader.builder(processor, eventLog)
				.snapshotPolicy(snapshotPolicy)
				.snapshotExecutor(snapshotExecutor)
				.transactWritePolicy(appendPolicy)
				.idempotencyWindow(properties.getAppend().getIdempotencyWindow())
				.poisonPolicy(properties.getProcessors().getPoisonPolicy())
				.poisonAttempts(properties.getProcessors().getPoisonAttempts())
				.failureClassifier(failureClassifier)
				.codec(codec)
				.listener(listenersOf(name, listeners));
			snapshotStore.ifAvailable(reader::snapshotStore);
			return reader;
		}, cursorStore::getIfAvailable, treeReaders, treeCursorStore::getIfAvailable, properties.isCreateStreams());
		registry.setObservationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		return registry;
	}

	private static ReaderListener listenersOf(String processor, ObjectProvider<ProcessorListeners> listeners) {
		return ReaderListener.composite(
				listeners.orderedStream().map((factory) -> factory.forProcessor(processor)).toList());
	}

	@Bean
	@ConditionalOnMissingBean
	AggregatesFactory eventHorizonAggregatesFactory(EventLog eventLog, ObjectProvider<SnapshotStore> snapshotStore,
			EventLineCodec codec, @Qualifier(SNAPSHOT_EXECUTOR) Executor snapshotExecutor,
			EventHorizonProperties properties, Environment environment,
			ObjectProvider<EventHorizonTablesInitializer> tablesInitializer,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		// The factory creates parent streams as soon as a bean needs an Aggregates, which may
		// be before anything else touched the tables: they must have been created by then.
		tablesInitializer.ifAvailable((initialized) -> {
		});
		EventHorizonProperties.Aggregates.Cache cache = properties.getAggregates().getCache();
		AggregatesFactory factory = new AggregatesFactory(eventLog, snapshotStore.getIfAvailable(), codec,
				snapshotExecutor,
				new AggregatesFactory.Settings(appendPolicy(properties), properties.getAppend().getIdempotencyWindow(),
						cache.getMaximumSize(), cache.getExpireAfterAccess(), properties.isCreateStreams()),
				environment::resolveRequiredPlaceholders);
		factory.setObservationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		return factory;
	}

	// Closed after the synchronizer has stopped and, being created after the event log and
	// its client, before them: so the shutdown lets snapshot writes in flight finish.
	@Bean(name = SNAPSHOT_EXECUTOR)
	@ConditionalOnMissingBean(name = SNAPSHOT_EXECUTOR)
	SimpleAsyncTaskExecutor eventHorizonSnapshotExecutor(EventHorizonProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("eventhorizon-snapshots-");
		executor.setTaskTerminationTimeout(Math.max(1, properties.getSnapshots().getShutdownTimeout().toMillis()));
		// Past the timeout the JVM may exit; the snapshot is only an optimization.
		executor.setDaemon(true);
		return executor;
	}

	@Bean
	LateBoundBeans<AppendListener> eventHorizonAppendListeners(ObjectProvider<AppendListener> listeners) {
		return new LateBoundBeans<>(listeners);
	}

	@Bean
	LateBoundBeans<EventHorizonSynchronizer> eventHorizonSynchronizers(
			ObjectProvider<EventHorizonSynchronizer> synchronizer) {
		return new LateBoundBeans<>(synchronizer);
	}

	@Bean
	@ConditionalOnMissingBean
	EventHorizonTemplate eventHorizonTemplate(EventLog eventLog, EventLineCodec codec,
			LateBoundBeans<EventHorizonSynchronizer> synchronizer, LateBoundBeans<AppendListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		EventHorizonTemplate template = new EventHorizonTemplate(eventLog, codec, Clock.systemUTC(),
				(entry) -> synchronizer.forEach((running) -> running.offer(entry)), appendListener(() -> listeners));
		template.setObservationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "eventhorizon.synchronizer.enabled", matchIfMissing = true)
	EventHorizonSynchronizer eventHorizonSynchronizer(EventProcessorRegistry registry,
			@Qualifier(SYNC_SCHEDULER) TaskScheduler scheduler, EventHorizonProperties properties) {
		EventHorizonProperties.Synchronizer synchronizer = properties.getSynchronizer();
		return new EventHorizonSynchronizer(registry,
				new EventHorizonSynchronizer.Settings(synchronizer.getPollInterval(), synchronizer.getMaxBackoff(),
						synchronizer.isWaitForRealtimeOnStartup(), synchronizer.getStartupTimeout(),
						synchronizer.getShutdownTimeout()),
				scheduler, Clock.systemUTC());
	}

	// Not a default candidate: it must neither be injected where the application asks for
	// a TaskScheduler nor run its @Scheduled methods, which could starve the synchronizer.
	@Bean(name = SYNC_SCHEDULER, defaultCandidate = false)
	@ConditionalOnMissingBean(name = SYNC_SCHEDULER)
	@ConditionalOnBooleanProperty(name = "eventhorizon.synchronizer.enabled", matchIfMissing = true)
	TaskScheduler eventHorizonSyncScheduler(EventHorizonProperties properties, Environment environment,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> threadPoolBuilder,
			ObjectProvider<SimpleAsyncTaskSchedulerBuilder> simpleAsyncBuilder) {
		return SyncSchedulerFactory.create(properties.getSynchronizer(), environment,
				threadPoolBuilder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new),
				simpleAsyncBuilder.getIfAvailable(SimpleAsyncTaskSchedulerBuilder::new));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = "eventHorizonTransactionalAppendAdvisor")
	static DefaultPointcutAdvisor eventHorizonTransactionalAppendAdvisor(
			ObjectProvider<EventProcessorRegistry> registry, ObjectProvider<EventLineCodec> codec,
			ObjectProvider<EventHorizonProperties> properties, ObjectProvider<LateBoundBeans<AppendListener>> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, BeanFactory beanFactory) {
		// The advisor is created before most beans: it finds its collaborators at the first call.
		SingletonSupplier<LateBoundBeans<AppendListener>> lateListeners = SingletonSupplier.of(listeners::getObject);
		TransactionalAppendInterceptor interceptor = new TransactionalAppendInterceptor(registry, codec,
				() -> appendPolicy(properties.getObject()), appendListener(lateListeners::obtain));
		interceptor.setBeanFactory(beanFactory);
		interceptor.setObservationRegistry(() -> observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new AnnotationMatchingPointcut(null, TransactionalAppend.class, true), interceptor);
		advisor.setOrder(TRANSACTIONAL_APPEND_ORDER);
		return advisor;
	}

	private static AppendListener appendListener(Supplier<LateBoundBeans<AppendListener>> listeners) {
		return new AppendListener() {

			@Override
			public void appendFinished(StreamName stream, Duration latency, String outcome) {
				listeners.get().forEach((listener) -> listener.appendFinished(stream, latency, outcome));
			}

			@Override
			public void transactionalAppendFinished(String method, int attempts, boolean exhausted) {
				listeners.get().forEach((listener) -> listener.transactionalAppendFinished(method, attempts, exhausted));
			}

		};
	}

	private static RetryPolicy appendPolicy(EventHorizonProperties properties) {
		EventHorizonProperties.Append append = properties.getAppend();
		return new RetryPolicy(append.getMaxAttempts(), append.getInitialBackoff(), append.getMaxBackoff());
	}

}
