package io.eventhorizon.dynamodb;

import io.eventhorizon.client.CommandContractTests;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
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
		return FreshEventLogs.on(this.client, "commands");
	}

}
