package io.eventhorizon.dynamodb;

import io.eventhorizon.testing.DynamoDbTestServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Event logs on tables of their own, for contract tests that want a new, empty log per test.
 */
final class FreshEventLogs {

	private FreshEventLogs() {
	}

	/**
	 * Creates a pair of tables named after {@code prefix} and returns the event log on them.
	 * @param client the client
	 * @param prefix the start of the tables' names
	 * @return the event log
	 */
	static DynamoDbEventLog on(DynamoDbClient client, String prefix) {
		String table = DynamoDbTestServer.uniqueTableName(prefix);
		new DynamoDbTables(client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(client).tableName(table).build();
	}

}
