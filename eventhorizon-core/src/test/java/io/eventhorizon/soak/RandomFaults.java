package io.eventhorizon.soak;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Throttles a request before it is sent, or loses its answer after the server executed it,
 * each with a given probability.
 */
final class RandomFaults implements ExecutionInterceptor {

	final AtomicLong injected = new AtomicLong();

	private final double probability;

	RandomFaults(double probability) {
		this.probability = probability;
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		if (strikes()) {
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
			throw SdkClientException.builder()
				.message("Injected lost answer")
				.cause(new IOException("Connection reset"))
				.build();
		}
	}

	private boolean strikes() {
		if (ThreadLocalRandom.current().nextDouble() < this.probability) {
			this.injected.incrementAndGet();
			return true;
		}
		return false;
	}

}
