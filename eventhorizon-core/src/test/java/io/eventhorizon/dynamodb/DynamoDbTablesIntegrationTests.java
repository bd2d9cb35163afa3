package io.eventhorizon.dynamodb;

import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DynamoDbTablesIntegrationTests {

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient();

	private final DynamoDbTableNames names = new DynamoDbTableNames(DynamoDbTestServer.uniqueTableName("ev"),
			DynamoDbTestServer.uniqueTableName("snap"));

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void createMissingCreatesBothTablesOnDemandWithTheGoProjectsKeys() {
		new DynamoDbTables(this.client, this.names).createMissing();

		TableDescription events = describe(this.names.events());
		assertThat(events.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyType())
			.containsExactly("s:" + KeyType.HASH, "v:" + KeyType.RANGE);
		assertThat(events.attributeDefinitions())
			.extracting((definition) -> definition.attributeName() + ":" + definition.attributeType())
			.containsExactlyInAnyOrder("s:" + ScalarAttributeType.S, "v:" + ScalarAttributeType.N);
		assertThat(events.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);

		TableDescription snapshots = describe(this.names.snapshots());
		assertThat(snapshots.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyType())
			.containsExactly("s:" + KeyType.HASH, "c:" + KeyType.RANGE);
	}

	@Test
	void createMissingCanBeRepeated() {
		DynamoDbTables tables = new DynamoDbTables(this.client, this.names);
		tables.createMissing();

		assertThatNoException().isThrownBy(tables::createMissing);
		assertThatNoException().isThrownBy(tables::verify);
	}

	@Test
	void verifyReportsAMissingTableByName() {
		assertThatExceptionOfType(MissingTableException.class)
			.isThrownBy(() -> new DynamoDbTables(this.client, this.names).verify())
			.withMessageStartingWith("DynamoDB table \"" + this.names.events() + "\" does not exist")
			.satisfies((ex) -> assertThat(ex.getTableName()).isEqualTo(this.names.events()));
	}

	@Test
	void aTableWithAnotherKeySchemaIsReportedNotUsed() {
		this.client.createTable((create) -> create.tableName(this.names.events())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
			.attributeDefinitions((definition) -> definition.attributeName("id").attributeType(ScalarAttributeType.S)));

		assertThatExceptionOfType(TableSchemaMismatchException.class)
			.isThrownBy(() -> new DynamoDbTables(this.client, this.names).createMissing())
			.withMessage("DynamoDB table \"" + this.names.events() + "\" has the key schema [id (S, HASH)], but "
					+ "EventHorizon needs [s (S, HASH), v (N, RANGE)]; point EventHorizon at another table");
	}

	@Test
	void badTableNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DynamoDbTableNames("ev", "snapshots"))
			.withMessageStartingWith("Invalid events table name \"ev\"");
		assertThatIllegalArgumentException().isThrownBy(() -> new DynamoDbTableNames("events", "snap shots"))
			.withMessageStartingWith("Invalid snapshots table name \"snap shots\"");
	}

	private TableDescription describe(String table) {
		return this.client.describeTable((describe) -> describe.tableName(table)).table();
	}

}
