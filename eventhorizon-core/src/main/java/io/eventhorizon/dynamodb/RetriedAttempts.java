package io.eventhorizon.dynamodb;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sees every attempt of a DynamoDB client's requests, including those the SDK retries on
 * its own, and tells a {@link DynamoDbListener} of throttled attempts (HTTP 429, or 400 with
 * a throttling error type) and server errors (5xx). Add it to the client's
 * {@code overrideConfiguration}; the Spring Boot starter does so for the client it uses.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class RetriedAttempts implements ExecutionInterceptor {

	private final DynamoDbListener listener;

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
			this.listener.attemptFailed(table(context.request()),
					Objects.requireNonNullElse(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), "unknown"),
					reason);
		}
		return response;
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
