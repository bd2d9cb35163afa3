package io.eventhorizon.testing;

import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Event logs on DynamoDB tables of their own (created here), for tests and benchmarks that
 * want a new, empty log.
 */
public final class FreshEventLogs {

	private FreshEventLogs() {
	}

	/**
	 * Creates a pair of tables named after {@code prefix} and returns the event log on them.
	 * @param client the client
	 * @param prefix the start of the tables' names
	 * @return the event log
	 */
	public static DynamoDbEventLog on(DynamoDbClient client, String prefix) {
		String table = DynamoDbTestServer.uniqueTableName(prefix);
		new DynamoDbTables(client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(client).tableName(table).build();
	}

}
