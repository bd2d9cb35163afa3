package io.eventhorizon.sample;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import org.springframework.context.annotation.Bean;

/**
 * Random faults on every DynamoDB request of the instances started with it: a request
 * throttled before it is sent (a failed put), or its answer lost after the server executed
 * it, each with {@link #probability}. Shared by the instances of one test; counts what it
 * injected.
 * <p>
 * Not a {@code @Configuration}, so that the application's component scan leaves it out.
 */
class BankFaults {

	static volatile double probability;

	static final AtomicLong failedRequests = new AtomicLong();

	static final AtomicLong lostAnswers = new AtomicLong();

	@Bean
	DynamoDbClientCustomizer bankFaultsInterceptor() {
		return (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().addExecutionInterceptor(new Interceptor()).build());
	}

	static final class Interceptor implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (strikes()) {
				failedRequests.incrementAndGet();
				throw ProvisionedThroughputExceededException.builder()
					.statusCode(400)
					.awsErrorDetails(AwsErrorDetails.builder()
						.errorCode("ProvisionedThroughputExceededException")
						.errorMessage("Injected throttling")
						.build())
					.build();
			}
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (strikes()) {
				lostAnswers.incrementAndGet();
				throw SdkClientException.builder()
					.message("Injected lost answer")
					.cause(new IOException("Connection reset"))
					.build();
			}
		}

		private static boolean strikes() {
			return ThreadLocalRandom.current().nextDouble() < probability;
		}

	}

}
