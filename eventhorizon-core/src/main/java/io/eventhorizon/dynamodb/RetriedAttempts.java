package io.eventhorizon.dynamodb;

import java.util.Objects;
import java.util.Optional;

import io.eventhorizon.core.OutageLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sees every attempt of a DynamoDB client's requests, including those the SDK retries on
 * its own, and tells a {@link DynamoDbListener} of throttled attempts (HTTP 429, or 400 with
 * a throttling error type) and server errors (5xx). It logs them, and requests that failed
 * without an answer (such as a refused connection), once per outage: the first failure at
 * WARN, the repeats at DEBUG, and one INFO line at the next answer (see {@link OutageLog}).
 * Add it to the client's {@code overrideConfiguration}; the Spring Boot starter does so for
 * the client it uses.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class RetriedAttempts implements ExecutionInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(RetriedAttempts.class);

	private final DynamoDbListener listener;

	private final OutageLog outage = new OutageLog(logger, "DynamoDB requests");

	/**
	 * Creates the interceptor.
	 * @param listener who is told
	 */
	public RetriedAttempts(DynamoDbListener listener) {
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
	}

	@Override
	public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
		SdkHttpResponse response = context.httpResponse();
		String reason = reason(response);
		if (reason != null) {
			String table = table(context.request());
			String operation = operation(attributes);
			this.listener.attemptFailed(table, operation, reason);
			this.outage.failed(operation + " on " + table + ": " + reason + " (HTTP " + response.statusCode() + ")");
		}
		else {
			this.outage.succeeded();
		}
		return response;
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		// Answers were seen above; this is a request that got none, after the SDK's retries.
		if (!(context.exception() instanceof SdkServiceException)) {
			this.outage.failed(operation(attributes) + " on " + table(context.request()) + ": "
					+ context.exception());
		}
	}

	private static String operation(ExecutionAttributes attributes) {
		return Objects.requireNonNullElse(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), "unknown");
	}

	private static @Nullable String reason(SdkHttpResponse response) {
		int status = response.statusCode();
		if (status >= 500) {
			return "server-error";
		}
		Optional<String> errorType = response.firstMatchingHeader("x-amzn-ErrorType");
		boolean throttlingType = errorType.map((type) -> type.contains("ProvisionedThroughputExceeded")
				|| type.contains("Throttling") || type.contains("RequestLimitExceeded")).orElse(false);
		return (status == 429 || throttlingType) ? "throttled" : null;
	}

	private static String table(SdkRequest request) {
		return request.getValueForField("TableName", String.class).orElse("unknown");
	}

}
