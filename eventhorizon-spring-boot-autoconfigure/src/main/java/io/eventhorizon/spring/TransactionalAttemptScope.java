package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.eventhorizon.client.AttemptScope;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.util.StringUtils;

/**
 * The database transaction of a {@link TransactionalAppend} method that is also
 * {@code @Transactional}: begun by the advice around each attempt, with the method's own
 * transaction attributes (its {@code @Transactional} joins it), and committed only after the
 * attempt's entry was committed. A commit that loses its race rolls the attempt's database
 * writes back, and the next attempt runs in a new transaction. Only loaded when spring-tx is
 * on the classpath.
 * <p>
 * Thread-safe.
 */
final class TransactionalAttemptScope implements AttemptScope {

	private final PlatformTransactionManager transactionManager;

	private final TransactionAttribute attribute;

	private TransactionalAttemptScope(PlatformTransactionManager transactionManager, TransactionAttribute attribute) {
		this.transactionManager = transactionManager;
		this.attribute = attribute;
	}

	/**
	 * Returns the scope of a method: its transaction when it is {@code @Transactional},
	 * else none.
	 */
	static AttemptScope of(Method method, Class<?> targetClass, BeanFactory beanFactory) {
		TransactionAttribute attribute = new AnnotationTransactionAttributeSource().getTransactionAttribute(method,
				targetClass);
		if (attribute == null) {
			return AttemptScope.NONE;
		}
		String qualifier = attribute.getQualifier();
		PlatformTransactionManager transactionManager = StringUtils.hasText(qualifier)
				? BeanFactoryAnnotationUtils.qualifiedBeanOfType(beanFactory, PlatformTransactionManager.class,
						qualifier)
				: beanFactory.getBean(PlatformTransactionManager.class);
		return new TransactionalAttemptScope(transactionManager, attribute);
	}

	@Override
	public <T> T around(Supplier<T> attemptAndCommit) {
		TransactionStatus status = this.transactionManager.getTransaction(this.attribute);
		T outcome;
		try {
			outcome = attemptAndCommit.get();
		}
		catch (RuntimeException | Error ex) {
			end(status, rollsBack(ex));
			throw ex;
		}
		this.transactionManager.commit(status);
		return outcome;
	}

	// A checked exception of the method arrives wrapped; the method's rules decide on it.
	private boolean rollsBack(Throwable failure) {
		Throwable cause = (failure instanceof TransactionalAppendInterceptor.Rethrown) ? failure.getCause() : failure;
		return this.attribute.rollbackOn((cause != null) ? cause : failure);
	}

	private void end(TransactionStatus status, boolean rollBack) {
		if (rollBack || status.isRollbackOnly()) {
			this.transactionManager.rollback(status);
		}
		else {
			this.transactionManager.commit(status);
		}
	}

}
