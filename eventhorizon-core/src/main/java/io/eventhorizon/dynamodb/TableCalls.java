package io.eventhorizon.dynamodb;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs the DynamoDB requests on one table: names the table when it does not exist (the
 * SDK's message does not), and reports consumed capacity and throttling to a
 * {@link DynamoDbListener}.
 */
final class TableCalls {

	private final String tableName;

	private final DynamoDbListener listener;

	TableCalls(String tableName, DynamoDbListener listener) {
		this.tableName = tableName;
		this.listener = listener;
	}

	<T> T call(String operation, Supplier<T> request, Function<T, @Nullable ConsumedCapacity> consumed) {
		T response;
		try {
			response = request.get();
		}
		catch (ResourceNotFoundException ex) {
			throw new MissingTableException(this.tableName, ex);
		}
		catch (AwsServiceException ex) {
			if (ex.isThrottlingException()) {
				this.listener.throttled(this.tableName, operation);
			}
			throw ex;
		}
		ConsumedCapacity capacity = consumed.apply(response);
		if (capacity != null && capacity.capacityUnits() != null) {
			this.listener.capacityConsumed(this.tableName, operation, capacity.capacityUnits());
		}
		return response;
	}

}
