package io.eventhorizon.dynamodb;

import io.eventhorizon.client.ReaderConcurrencyContractTests;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
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
		return FreshEventLogs.on(this.client, "readers");
	}

}
