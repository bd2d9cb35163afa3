package io.eventhorizon.spring;

import java.lang.reflect.Method;
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
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * The database transaction of each attempt of a {@link TransactionalAppend} method, begun by
 * the advice and committed only after the attempt's entry was committed, so that an attempt
 * whose entry loses its race has its database writes rolled back and the next attempt starts
 * clean:
 * <ul>
 * <li>called inside a transaction of the caller: a savepoint in it per attempt
 * ({@code PROPAGATION_NESTED}); the winning attempt's writes commit with the caller's
 * transaction;</li>
 * <li>otherwise, for a method that is {@code @Transactional}: a transaction of its own per
 * attempt, with the method's attributes (its {@code @Transactional} joins it);</li>
 * <li>otherwise: none.</li>
 * </ul>
 * Only loaded when spring-tx is on the classpath.
 * <p>
 * Thread-safe.
 */
final class TransactionalAttemptScope implements AttemptScope {

	private final String method;

	private final @Nullable PlatformTransactionManager transactionManager;

	private final @Nullable TransactionAttribute attribute;

	private TransactionalAttemptScope(String method, @Nullable PlatformTransactionManager transactionManager,
			@Nullable TransactionAttribute attribute) {
		this.method = method;
		this.transactionManager = transactionManager;
		this.attribute = attribute;
	}

	/**
	 * Returns the scope of a method's attempts.
	 */
	static AttemptScope of(Method method, Class<?> targetClass, BeanFactory beanFactory) {
		TransactionAttribute attribute = new AnnotationTransactionAttributeSource().getTransactionAttribute(method,
				targetClass);
		String qualifier = (attribute != null) ? attribute.getQualifier() : null;
		PlatformTransactionManager transactionManager = StringUtils.hasText(qualifier)
				? BeanFactoryAnnotationUtils.qualifiedBeanOfType(beanFactory, PlatformTransactionManager.class,
						qualifier)
				: beanFactory.getBeanProvider(PlatformTransactionManager.class).getIfUnique();
		return new TransactionalAttemptScope(HandlerMethod.describe(method), transactionManager, attribute);
	}

	@Override
	public <T> T around(Supplier<T> attemptAndCommit) {
		TransactionAttribute attribute = attributeOfThisAttempt();
		if (attribute == null) {
			return attemptAndCommit.get();
		}
		PlatformTransactionManager transactionManager = transactionManager();
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
			DefaultTransactionAttribute savepoint = new DefaultTransactionAttribute(
					(this.attribute != null) ? this.attribute : new DefaultTransactionAttribute());
			savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
			return savepoint;
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
