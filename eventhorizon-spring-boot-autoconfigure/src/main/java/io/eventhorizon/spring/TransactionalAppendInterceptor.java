package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.RetryPolicy;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The advice behind {@link TransactionalAppend}: brings the processors the method depends
 * on to realtime and runs the method while they are not being fed; on an
 * optimistic-locking conflict waits (jittered) and does it again; after success gives the
 * processors of the streams it appended to what it wrote, without reading it back (a
 * processor that is further behind reads up to realtime). A nested
 * {@code @TransactionalAppend} method joins the outer one.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class TransactionalAppendInterceptor implements MethodInterceptor {

	private final SingletonSupplier<EventProcessorRegistry> registry;

	private final Supplier<RetryPolicy> defaults;

	private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();

	private final AppendListener listener;

	/**
	 * Creates the advice.
	 * @param registry the processors, looked up when first needed
	 * @param defaults the attempts and backoff unless the annotation says otherwise, looked
	 * up when first needed
	 */
	public TransactionalAppendInterceptor(ObjectProvider<EventProcessorRegistry> registry,
			Supplier<RetryPolicy> defaults) {
		this(registry, defaults, new AppendListener() {
		});
	}

	/**
	 * Creates the advice.
	 * @param registry the processors, looked up when first needed
	 * @param defaults the attempts and backoff unless the annotation says otherwise, looked
	 * up when first needed
	 * @param listener told how many attempts each call took
	 */
	public TransactionalAppendInterceptor(ObjectProvider<EventProcessorRegistry> registry,
			Supplier<RetryPolicy> defaults, AppendListener listener) {
		// Looked up at the first call rather than at every one: a lookup searches the bean factory.
		this.registry = SingletonSupplier.of(registry::getObject);
		this.defaults = defaults;
		this.listener = listener;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (AppendContext.current() != null) {
			return invocation.proceed();
		}
		// Per bean, too: two processor beans of one class depend on themselves, not each other.
		Plan plan = this.plans.computeIfAbsent(new PlanKey(invocation.getMethod(), invocation.getThis()),
				(key) -> plan(invocation));
		OptimisticLockingException lastConflict = null;
		for (int attempt = 1; attempt <= plan.policy().maxAttempts(); attempt++) {
			if (attempt > 1) {
				plan.policy().sleepBefore(attempt);
			}
			plan.dependencies().forEach((dependency) -> dependency.reader().loadUntilRealtime());
			AppendContext context = new AppendContext(plan.dependencies());
			MethodInvocation attemptInvocation = (invocation instanceof ProxyMethodInvocation proxied)
					? proxied.invocableClone() : invocation;
			try {
				Object result = exclusively(plan.dependencies(), 0, () -> {
					context.bind();
					try {
						return attemptInvocation.proceed();
					}
					catch (Throwable ex) {
						throw new Rethrown(ex);
					}
					finally {
						context.unbind();
					}
				});
				// The processors take what the method wrote without reading it back.
				for (LogEntry entry : context.appended()) {
					this.registry.obtain().offer(entry);
				}
				this.listener.transactionalAppendFinished(plan.name(), attempt, false);
				return result;
			}
			catch (Rethrown rethrown) {
				if (!(rethrown.getCause() instanceof OptimisticLockingException conflict)) {
					this.listener.transactionalAppendFinished(plan.name(), attempt, false);
					throw Objects.requireNonNull(rethrown.getCause());
				}
				lastConflict = conflict;
				plan.dependencies().get(0).reader().reportConflict(attempt, conflict);
			}
		}
		this.listener.transactionalAppendFinished(plan.name(), plan.policy().maxAttempts(), true);
		throw new TransactWriteExhaustedException(plan.policy().maxAttempts(), Objects.requireNonNull(lastConflict));
	}

	// Locks the Readers one after another, always in the same (name) order.
	private static @Nullable Object exclusively(List<ProcessorRegistration> dependencies, int index,
			Supplier<@Nullable Object> action) {
		if (index == dependencies.size()) {
			return action.get();
		}
		return dependencies.get(index).reader().exclusively(() -> exclusively(dependencies, index + 1, action));
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
		TransactionalAppend annotation = AnnotatedElementUtils.findMergedAnnotation(annotated,
				TransactionalAppend.class);
		Objects.requireNonNull(annotation);
		RetryPolicy defaults = this.defaults.get();
		int attempts = (annotation.maxAttempts() > 0) ? annotation.maxAttempts() : defaults.maxAttempts();
		Duration initial = annotation.initialBackoff().isEmpty() ? defaults.initialBackoff()
				: DurationStyle.detectAndParse(annotation.initialBackoff());
		return new Plan(annotated.getDeclaringClass().getSimpleName() + "." + annotated.getName(), dependencies,
				new RetryPolicy(attempts, initial, defaults.maxBackoff()));
	}

	private static boolean isBean(ProcessorRegistration registration, Object target) {
		return registration.processor() instanceof AnnotatedEventsProcessor annotated && annotated.bean() == target
				|| registration.processor() == target;
	}

	private record Plan(String name, List<ProcessorRegistration> dependencies, RetryPolicy policy) {
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

	private static final class Rethrown extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Rethrown(Throwable cause) {
			super(null, cause, false, false);
		}

	}

}
