package io.eventhorizon.sample;

import java.util.concurrent.atomic.AtomicInteger;

import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import org.springframework.context.annotation.Bean;

/**
 * The instance it is added to dies for transfers: every put of a transfer's stream
 * ({@code /bank/transfers/<id>}) fails before it reaches the table, so a transfer it debits
 * is never recorded by it. Counts the puts it failed, across the instances of one test.
 * <p>
 * Not a {@code @Configuration}, so that the application's component scan leaves it out:
 * only the instances started with it as a source have it.
 */
class TransferRecordCrash {

	static final AtomicInteger failedPuts = new AtomicInteger();

	@Bean
	DynamoDbClientCustomizer transferRecordCrashInterceptor() {
		return (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(new Interceptor()).build());
	}

	static final class Interceptor implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (context.request() instanceof PutItemRequest put) {
				AttributeValue stream = put.item().get("s");
				if (stream != null && stream.s() != null && stream.s().startsWith("/bank/transfers/")) {
					failedPuts.incrementAndGet();
					throw new IllegalStateException("Injected death before the put of " + stream.s());
				}
			}
		}

	}

}
