package io.eventhorizon.dynamodb;

import io.eventhorizon.client.ReaderConcurrencyContractTests;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Readers on the DynamoDB event log (dynalite), used from several threads.
 */
class DynamoDbReaderConcurrencyIntegrationTests extends ReaderConcurrencyContractTests {

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected EventLog newEventLog() {
		String table = DynamoDbTestServer.uniqueTableName("readers");
		new DynamoDbTables(this.client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(this.client).tableName(table).build();
	}

}
