package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;

import io.eventhorizon.client.AttemptScope;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.DelegatingTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The database transaction of each attempt of a {@link TransactionalAppend} method, begun by
 * the advice and committed only after the attempt's entry was committed, so that an attempt
 * whose entry loses its race has its database writes rolled back and the next attempt starts
 * clean:
 * <ul>
 * <li>called inside a transaction of the caller: a savepoint in it per attempt
 * ({@code PROPAGATION_NESTED}), with the method's rollback rules; the winning attempt's
 * writes commit with the caller's transaction. The savepoint is taken with the method's
 * transaction manager when it is {@code @Transactional}, otherwise with the transaction
 * manager(s) whose transaction the caller holds on this thread;</li>
 * <li>otherwise, for a method that is {@code @Transactional}: a transaction of its own per
 * attempt, with the method's attributes (its {@code @Transactional} joins it);</li>
 * <li>otherwise: none.</li>
 * </ul>
 * A method that validates against processors keeping their state in the database is refused
 * inside a caller's transaction: their loads commit in transactions of their own, which a
 * snapshot of the caller's would not see and a lock of the caller's could block.
 * Only loaded when spring-tx is on the classpath.
 * <p>
 * Thread-safe.
 */
final class TransactionalAttemptScope implements AttemptScope {

	private final String method;

	private final @Nullable PlatformTransactionManager transactionManager;

	private final @Nullable TransactionAttribute attribute;

	private final Supplier<List<ResourceTransactionManager>> resourceTransactionManagers;

	private final List<String> databaseProcessors;

	private TransactionalAttemptScope(String method, @Nullable PlatformTransactionManager transactionManager,
			@Nullable TransactionAttribute attribute, Supplier<List<ResourceTransactionManager>> resourceTransactionManagers,
			List<String> databaseProcessors) {
		this.method = method;
		this.transactionManager = transactionManager;
		this.attribute = attribute;
		this.resourceTransactionManagers = resourceTransactionManagers;
		this.databaseProcessors = databaseProcessors;
	}

	/**
	 * Returns the scope of a method's attempts.
	 */
	static AttemptScope of(Method method, Class<?> targetClass, BeanFactory beanFactory,
			List<String> databaseProcessors) {
		TransactionAttribute attribute = new AnnotationTransactionAttributeSource().getTransactionAttribute(method,
				targetClass);
		String qualifier = (attribute != null) ? attribute.getQualifier() : null;
		PlatformTransactionManager transactionManager = StringUtils.hasText(qualifier)
				? BeanFactoryAnnotationUtils.qualifiedBeanOfType(beanFactory, PlatformTransactionManager.class,
						qualifier)
				: beanFactory.getBeanProvider(PlatformTransactionManager.class).getIfUnique();
		// Looked up at the first attempt inside a caller's transaction, not at every one.
		Supplier<List<ResourceTransactionManager>> resourceTransactionManagers = SingletonSupplier
			.of(() -> beanFactory.getBeanProvider(PlatformTransactionManager.class)
				.orderedStream()
				.filter(ResourceTransactionManager.class::isInstance)
				.map(ResourceTransactionManager.class::cast)
				.toList());
		return new TransactionalAttemptScope(HandlerMethod.describe(method), transactionManager, attribute,
				resourceTransactionManagers, databaseProcessors);
	}

	@Override
	public void beforeCommand() {
		if (!this.databaseProcessors.isEmpty() && TransactionSynchronizationManager.isActualTransactionActive()) {
			// Their load commits in transactions of its own: a snapshot of the caller's (repeatable
			// read) would not see it, and a lock the caller holds would block it.
			throw new IllegalStateException(this.method + " was called inside a transaction of the caller, but it "
					+ "validates against " + this.databaseProcessors + ", which keep their state in the database and "
					+ "are brought up to date in transactions of their own: the caller's transaction could validate "
					+ "against a snapshot taken before them, or block them. Call it outside the transaction");
		}
	}

	@Override
	public <T> T around(Supplier<T> attemptAndCommit) {
		TransactionAttribute attribute = attributeOfThisAttempt();
		if (attribute == null) {
			return attemptAndCommit.get();
		}
		if (this.attribute == null) {
			// No transaction manager of the method's own: the method writes in the caller's
			// transaction, so the savepoint must be taken in that one, whichever it is.
			List<ResourceTransactionManager> callers = this.resourceTransactionManagers.get()
				.stream()
				.filter((manager) -> TransactionSynchronizationManager.hasResource(manager.getResourceFactory()))
				.toList();
			if (!callers.isEmpty()) {
				return inSavepoints(callers, 0, attribute, attemptAndCommit);
			}
		}
		return inTransaction(transactionManager(), attribute, attemptAndCommit);
	}

	private <T> T inSavepoints(List<ResourceTransactionManager> transactionManagers, int index,
			TransactionAttribute attribute, Supplier<T> attemptAndCommit) {
		if (index == transactionManagers.size()) {
			return attemptAndCommit.get();
		}
		return inTransaction(transactionManagers.get(index), attribute,
				() -> inSavepoints(transactionManagers, index + 1, attribute, attemptAndCommit));
	}

	private static <T> T inTransaction(PlatformTransactionManager transactionManager, TransactionAttribute attribute,
			Supplier<T> attemptAndCommit) {
		TransactionStatus status = transactionManager.getTransaction(attribute);
		T outcome;
		try {
			outcome = attemptAndCommit.get();
		}
		catch (RuntimeException | Error ex) {
			end(transactionManager, status, attribute, ex);
			throw ex;
		}
		transactionManager.commit(status);
		return outcome;
	}

	private @Nullable TransactionAttribute attributeOfThisAttempt() {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// Delegates rather than copies: a copy would drop the method's rollback rules.
			return new DelegatingTransactionAttribute(
					(this.attribute != null) ? this.attribute : new DefaultTransactionAttribute()) {

				private static final long serialVersionUID = 1L;

				@Override
				public int getPropagationBehavior() {
					return TransactionDefinition.PROPAGATION_NESTED;
				}

			};
		}
		return this.attribute;
	}

	private PlatformTransactionManager transactionManager() {
		if (this.transactionManager == null) {
			throw new IllegalStateException(this.method + " runs inside a transaction, where each attempt takes a "
					+ "savepoint so that an attempt that loses its race leaves no rows behind, but there is no single "
					+ "PlatformTransactionManager to take it with: name one with @Transactional(transactionManager = ...)");
		}
		return this.transactionManager;
	}

	// A checked exception of the method arrives wrapped; the method's rules decide on it.
	private static void end(PlatformTransactionManager transactionManager, TransactionStatus status,
			TransactionAttribute attribute, Throwable failure) {
		Throwable cause = (failure instanceof TransactionalAppendInterceptor.Rethrown) ? failure.getCause() : failure;
		if (attribute.rollbackOn((cause != null) ? cause : failure) || status.isRollbackOnly()) {
			transactionManager.rollback(status);
		}
		else {
			transactionManager.commit(status);
		}
	}

}
