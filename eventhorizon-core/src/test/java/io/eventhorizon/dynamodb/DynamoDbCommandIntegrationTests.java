package io.eventhorizon.dynamodb;

import io.eventhorizon.client.CommandContractTests;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Commands on the DynamoDB event log (dynalite).
 */
class DynamoDbCommandIntegrationTests extends CommandContractTests {

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected EventLog newEventLog() {
		String table = DynamoDbTestServer.uniqueTableName("commands");
		new DynamoDbTables(this.client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(this.client).tableName(table).build();
	}

}
