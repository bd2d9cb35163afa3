package io.eventhorizon.dynamodb;

import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs a DynamoDB request on one table and names the table when it does not exist (the
 * SDK's message does not).
 */
final class TableCalls {

	private TableCalls() {
	}

	static <T> T onTable(String tableName, Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ResourceNotFoundException ex) {
			throw new MissingTableException(tableName, ex);
		}
	}

}
