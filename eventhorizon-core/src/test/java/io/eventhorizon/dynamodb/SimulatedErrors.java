package io.eventhorizon.dynamodb;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The errors DynamoDB answers with, as the SDK builds them, for interceptors to throw.
 */
public final class SimulatedErrors {

	private SimulatedErrors() {
	}

	public static ProvisionedThroughputExceededException throttling() {
		return ProvisionedThroughputExceededException.builder()
			.message("Simulated throttling")
			.statusCode(400)
			.awsErrorDetails(details("ProvisionedThroughputExceededException"))
			.build();
	}

	public static AwsServiceException internalServerError() {
		return DynamoDbException.builder()
			.message("Simulated internal server error")
			.statusCode(500)
			.awsErrorDetails(details("InternalServerError"))
			.build();
	}

	private static AwsErrorDetails details(String code) {
		return AwsErrorDetails.builder().errorCode(code).errorMessage("Simulated " + code).build();
	}

}
