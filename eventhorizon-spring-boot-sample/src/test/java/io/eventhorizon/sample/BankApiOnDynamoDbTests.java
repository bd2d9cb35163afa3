package io.eventhorizon.sample;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;

import io.eventhorizon.sample.HttpJson.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same HTTP API stories as {@link BankApiTests}, with the {@code dynamodb} profile on
 * dynalite: the sample runs on DynamoDB by configuration only.
 */
@ActiveProfiles("dynamodb")
class BankApiOnDynamoDbTests extends BankApiTests {

	private static final String TABLES = DynamoDbTestServer.uniqueTableName("api");

	@Autowired
	private EventLog eventLog;

	@LocalServerPort
	private int port;

	@Test
	void runsOnDynamoDb() {
		assertThat(this.eventLog).isInstanceOf(DynamoDbEventLog.class);
	}

	@Test
	void capacityMetersMoveAsTheBankWritesAndReads() {
		HttpJson http = new HttpJson(this.port);
		String id = http.post("/accounts", "{\"owner\":\"kim\"}").json().path("id").asString();
		http.post("/accounts/" + id + "/deposits", "{\"amount\":5}");

		Response capacity = http.get("/actuator/metrics/eventhorizon.dynamodb.capacity");
		assertThat(capacity.status()).isEqualTo(200);
		assertThat(capacity.json().path("measurements").get(0).path("value").asDouble()).isPositive();
		assertThat(capacity.body()).contains("PutItem").contains("Query");
	}

	@DynamicPropertySource
	static void dynamoDb(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.aws.dynamodb.endpoint", () -> DynamoDbTestServer.get().endpoint().toString());
		registry.add("spring.cloud.aws.region.static", () -> "us-east-1");
		registry.add("spring.cloud.aws.credentials.access-key", () -> "test");
		registry.add("spring.cloud.aws.credentials.secret-key", () -> "test");
		registry.add("eventhorizon.dynamodb.events-table", () -> TABLES + "_events");
		registry.add("eventhorizon.dynamodb.snapshots-table", () -> TABLES + "_snapshots");
		registry.add("eventhorizon.dynamodb.create-tables", () -> "true");
	}

}
