package io.eventhorizon.spring;

import java.util.Set;

import io.eventhorizon.client.StandardFailureClassifier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;

/**
 * The {@link io.eventhorizon.client.FailureClassifier} of a Spring application: besides the
 * failures a {@link StandardFailureClassifier} knows, Spring's
 * {@code TransientDataAccessException} (with {@code ConcurrencyFailureException},
 * {@code PessimisticLockingFailureException}, {@code CannotAcquireLockException} and
 * {@code QueryTimeoutException}), {@code RecoverableDataAccessException} and
 * {@code CannotCreateTransactionException} pass, and so do the AWS SDK's exceptions that its
 * retries would try again (throttling, clock skew, server errors). A {@code TransactionSystemException} passes
 * when its cause does. Spring's data-access classes are matched by name, so that the
 * classifier works without them on the class path.
 * <p>
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public class SpringFailureClassifier extends StandardFailureClassifier {

	private static final Set<String> TRANSIENT_SPRING_EXCEPTIONS = Set.of(
			"org.springframework.dao.TransientDataAccessException",
			"org.springframework.dao.RecoverableDataAccessException",
			"org.springframework.dao.ConcurrencyFailureException",
			"org.springframework.transaction.CannotCreateTransactionException");

	@Override
	protected boolean isTransientCause(Throwable cause) {
		if (super.isTransientCause(cause) || (cause instanceof SdkException sdk && isRetryable(sdk))) {
			return true;
		}
		for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
			if (TRANSIENT_SPRING_EXCEPTIONS.contains(type.getName())) {
				return true;
			}
		}
		return false;
	}

	// What the SDK's own retry strategy retries: throttling, clock skew and server errors.
	private static boolean isRetryable(SdkException failure) {
		return failure.retryable() || RetryUtils.isThrottlingException(failure)
				|| RetryUtils.isRetryableException(failure) || RetryUtils.isClockSkewException(failure)
				|| (RetryUtils.isServiceException(failure) && RetryUtils.toServiceException(failure).statusCode() >= 500);
	}

}
