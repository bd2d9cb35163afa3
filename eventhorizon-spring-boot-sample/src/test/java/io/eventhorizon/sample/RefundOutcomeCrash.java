package io.eventhorizon.sample;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import org.springframework.context.annotation.Bean;

/**
 * The transfer process of the instance it is added to dies once after a refund, before it
 * records the transfer as refunded: the first put of a {@code transfer.Refunded} outcome
 * says it {@link #reached}, waits until the test {@link #resumes} it, and fails before it
 * reaches the table. The test does what it wants to race with in between.
 * <p>
 * Not a {@code @Configuration}, so that the application's component scan leaves it out.
 */
class RefundOutcomeCrash {

	static final CountDownLatch reached = new CountDownLatch(1);

	static final CountDownLatch resumes = new CountDownLatch(1);

	@Bean
	DynamoDbClientCustomizer refundOutcomeCrashInterceptor() {
		return (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(new Interceptor()).build());
	}

	static final class Interceptor implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (context.request() instanceof PutItemRequest put && dataOf(put).contains("\"transfer.Refunded\"")
					&& reached.getCount() > 0) {
				reached.countDown();
				try {
					resumes.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("Injected death after the refund, before the outcome's put");
			}
		}

		private static String dataOf(PutItemRequest put) {
			AttributeValue data = put.item().get("d");
			return (data != null && data.b() != null) ? data.b().asString(StandardCharsets.ISO_8859_1) : "";
		}

	}

}
