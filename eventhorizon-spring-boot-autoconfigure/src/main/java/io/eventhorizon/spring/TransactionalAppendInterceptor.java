package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.eventhorizon.client.AttemptScope;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ResultFormat;
import io.eventhorizon.client.TransactWriter;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.RetryPolicy;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The advice behind {@link TransactionalAppend}, on the core's attempt loop
 * ({@link TransactWriter}): brings the processors the method depends on to realtime, runs
 * the method while they are not being fed, and commits what it appended as one entry when it
 * returns; on an optimistic-locking conflict waits (jittered) and does it again (nothing of
 * the failed attempt was written); after success gives the processors of the stream it
 * appended to what it wrote, without reading it back (a processor that is further behind
 * reads up to realtime). A call whose {@link IdempotencyKey} an entry has already returns
 * that entry's result without running. A nested {@code @TransactionalAppend} method joins
 * the outer one; called with an idempotency key, it is refused
 * ({@link IllegalStateException}), since the outer entry cannot carry its key.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class TransactionalAppendInterceptor implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(TransactionalAppendInterceptor.class);

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.PlatformTransactionManager", TransactionalAppendInterceptor.class.getClassLoader());

	private final SingletonSupplier<EventProcessorRegistry> registry;

	private final SingletonSupplier<EventLineCodec> codec;

	private @Nullable BeanFactory beanFactory;

	private final Supplier<RetryPolicy> defaults;

	private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

	private final AppendListener listener;

	private Supplier<ObservationRegistry> observationRegistry = () -> ObservationRegistry.NOOP;

	/**
	 * Creates the advice.
	 * @param registry the processors, looked up when first needed
	 * @param codec the codec, whose JSON mapper stores the results of commands with an
	 * idempotency key, looked up when first needed
	 * @param defaults the attempts and backoff unless the annotation says otherwise, looked
	 * up when first needed
	 */
	public TransactionalAppendInterceptor(ObjectProvider<EventProcessorRegistry> registry,
			ObjectProvider<EventLineCodec> codec, Supplier<RetryPolicy> defaults) {
		this(registry, codec, defaults, new AppendListener() {
		});
	}

	/**
	 * Creates the advice.
	 * @param registry the processors, looked up when first needed
	 * @param codec the codec, whose JSON mapper stores the results of commands with an
	 * idempotency key, looked up when first needed
	 * @param defaults the attempts and backoff unless the annotation says otherwise, looked
	 * up when first needed
	 * @param listener told how many attempts each call took
	 */
	public TransactionalAppendInterceptor(ObjectProvider<EventProcessorRegistry> registry,
			ObjectProvider<EventLineCodec> codec, Supplier<RetryPolicy> defaults, AppendListener listener) {
		// Looked up at the first call rather than at every one: a lookup searches the bean factory.
		this.registry = SingletonSupplier.of(registry::getObject);
		this.codec = SingletonSupplier.of(codec::getObject);
		this.defaults = defaults;
		this.listener = listener;
	}

	/**
	 * Sets where the transaction managers of {@code @Transactional} command methods are
	 * found; without it, such a method's transaction commits before its entry is written.
	 * @param beanFactory the bean factory
	 */
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Sets the registry of the observations of command attempts (see
	 * {@link io.eventhorizon.spring.observation.EventHorizonObservationDocumentation#COMMAND_ATTEMPT}),
	 * looked up at a method's first call; none are made without one.
	 * @param observationRegistry the registry
	 * @since 0.1.0
	 */
	public void setObservationRegistry(Supplier<ObservationRegistry> observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		// Per bean, too: two processor beans of one class depend on themselves, not each other.
		Plan plan = this.plans.computeIfAbsent(new PlanKey(invocation.getMethod(), invocation.getThis()),
				(key) -> plan(invocation));
		AppendContext outer = AppendContext.current();
		if (outer != null) {
			if (!outer.holds(plan.readers())) {
				// Its own processors were neither brought to realtime nor held: it would validate stale state.
				throw new IllegalStateException(plan.name() + " was called inside another @TransactionalAppend "
						+ "method, which it joins, but it validates against processors the outer method does not; "
						+ "name them in the outer method's processors too, or call it on its own");
			}
			io.eventhorizon.core.IdempotencyKey key = plan.keyParameter().keyOf(invocation.getArguments());
			if (key != null) {
				// The outer method's entry cannot carry this key: a repeat would not find it.
				throw new IllegalStateException(plan.name() + " was called with idempotency key " + key
						+ " inside another @TransactionalAppend method, whose entry cannot carry the key; call it on "
						+ "its own, or give the outer method the key");
			}
			return invocation.proceed();
		}
		try {
			return plan.writer().run(plan.readers(), plan.keyParameter().keyOf(invocation.getArguments()),
					plan.results(), (attempt) -> {
						MethodInvocation attemptInvocation = (invocation instanceof ProxyMethodInvocation proxied)
								? proxied.invocableClone() : invocation;
						AppendContext.bind(attempt, plan.readers());
						try {
							return attemptInvocation.proceed();
						}
						catch (RuntimeException | Error ex) {
							throw ex;
						}
						catch (Throwable ex) {
							throw new Rethrown(ex);
						}
						finally {
							AppendContext.unbind();
						}
					}, plan.scope(), new Observer(plan.name()));
		}
		catch (Rethrown rethrown) {
			throw Objects.requireNonNull(rethrown.getCause());
		}
	}

	private Plan plan(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		EventProcessorRegistry registry = this.registry.obtain();
		String beanName = (target != null) ? registry.all()
			.stream()
			.filter((registration) -> isBean(registration, target))
			.map(ProcessorRegistration::name)
			.findFirst()
			.orElse("<not a processor>") : "<not a processor>";
		Method annotated = (target != null) ? AopUtils.getMostSpecificMethod(method, target.getClass()) : method;
		List<ProcessorRegistration> dependencies = registry.dependenciesOf(beanName, annotated);
		List<Reader> readers = dependencies.stream().map(ProcessorRegistration::reader).toList();
		List<String> databaseProcessors = dependencies.stream()
			.filter((dependency) -> dependency.processor().rollsBackOnFailure())
			.map(ProcessorRegistration::name)
			.toList();
		TransactionalAppend annotation = AnnotatedElementUtils.findMergedAnnotation(annotated,
				TransactionalAppend.class);
		Objects.requireNonNull(annotation);
		RetryPolicy defaults = this.defaults.get();
		int attempts = (annotation.maxAttempts() > 0) ? annotation.maxAttempts() : defaults.maxAttempts();
		Duration initial = annotation.initialBackoff().isEmpty() ? defaults.initialBackoff()
				: DurationStyle.detectAndParse(annotation.initialBackoff());
		JsonMapper mapper = this.codec.obtain().jsonMapper();
		String name = annotated.getDeclaringClass().getSimpleName() + "." + annotated.getName();
		AttemptScope scope = scopeOf(annotated,
				(target != null) ? AopUtils.getTargetClass(target) : annotated.getDeclaringClass(), databaseProcessors);
		return new Plan(name, readers,
				new TransactWriter(registry.eventLog(), new RetryPolicy(attempts, initial, defaults.maxBackoff())),
				IdempotencyKeyParameter.of(annotated),
				ResultFormat.json(mapper, mapper.constructType(annotated.getGenericReturnType())),
				ObservedAttemptScope.of(scope, this.observationRegistry.get(), name, dependencies.stream()
					.map(ProcessorRegistration::name)
					.collect(Collectors.joining(","))));
	}

	private AttemptScope scopeOf(Method method, Class<?> targetClass, List<String> databaseProcessors) {
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null || !TRANSACTIONS_PRESENT) {
			return AttemptScope.NONE;
		}
		return TransactionalAttemptScope.of(method, targetClass, beanFactory, databaseProcessors);
	}

	private static boolean isBean(ProcessorRegistration registration, Object target) {
		return registration.processor() instanceof AnnotatedEventsProcessor annotated && annotated.bean() == target
				|| registration.processor() == target;
	}

	private record Plan(String name, List<Reader> readers, TransactWriter writer, IdempotencyKeyParameter keyParameter,
			ResultFormat<@Nullable Object> results, AttemptScope scope) {
	}

	// Gives the processors what a command wrote, and reports the outcome.
	private final class Observer implements TransactWriter.Observer {

		private final String method;

		Observer(String method) {
			this.method = method;
		}

		@Override
		public void committed(LogEntry entry) {
			// The processors take what the method wrote without reading it back.
			TransactionalAppendInterceptor.this.registry.obtain().offer(entry);
		}

		@Override
		public void repeated(io.eventhorizon.core.IdempotencyKey key) {
			logger.debug("{} with idempotency key {} ran before; answering with its first result", this.method, key);
		}

		@Override
		public void appendFinished(StreamName stream, Duration latency, String outcome) {
			TransactionalAppendInterceptor.this.listener.appendFinished(stream, latency, outcome);
		}

		@Override
		public void finished(int attempts, boolean exhausted) {
			TransactionalAppendInterceptor.this.listener.transactionalAppendFinished(this.method, attempts, exhausted);
		}

	}

	private record PlanKey(Method method, @Nullable Object target) {

		@Override
		public boolean equals(Object other) {
			return other instanceof PlanKey that && this.method.equals(that.method) && this.target == that.target;
		}

		@Override
		public int hashCode() {
			return 31 * this.method.hashCode() + System.identityHashCode(this.target);
		}

	}

	static final class Rethrown extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Rethrown(Throwable cause) {
			super(null, cause, false, false);
		}

	}

}
