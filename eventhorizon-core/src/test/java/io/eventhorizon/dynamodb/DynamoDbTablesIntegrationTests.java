package io.eventhorizon.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
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
			.containsExactlyInAnyOrder("s:" + ScalarAttributeType.S, "v:" + ScalarAttributeType.N,
					"f:" + ScalarAttributeType.S, "ft:" + ScalarAttributeType.N);
		assertThat(events.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
		assertThat(events.globalSecondaryIndexes()).singleElement().satisfies((index) -> {
			assertThat(index.indexName()).isEqualTo("feed");
			assertThat(index.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyType())
				.containsExactly("f:" + KeyType.HASH, "ft:" + KeyType.RANGE);
			assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
		});

		TableDescription snapshots = describe(this.names.snapshots());
		assertThat(snapshots.keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyType())
			.containsExactly("s:" + KeyType.HASH, "c:" + KeyType.RANGE);
		assertThat(snapshots.globalSecondaryIndexes()).isEmpty();
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
	void aFeedIndexWithOtherKeysIsReportedNotUsed() {
		createEventsTable((create) -> create
			.attributeDefinitions(definition("s", ScalarAttributeType.S), definition("v", ScalarAttributeType.N),
					definition("f", ScalarAttributeType.S), definition("t", ScalarAttributeType.S))
			.globalSecondaryIndexes((index) -> index.indexName("feed")
				.keySchema((key) -> key.attributeName("f").keyType(KeyType.HASH),
						(key) -> key.attributeName("t").keyType(KeyType.RANGE))
				.projection((projection) -> projection.projectionType(ProjectionType.KEYS_ONLY))));
		DynamoDbTables tables = new DynamoDbTables(this.client, this.names);
		String expected = "DynamoDB table \"" + this.names.events() + "\" has an index \"feed\" with the key schema "
				+ "[f (S, HASH), t (S, RANGE)], but EventHorizon needs [f (S, HASH), ft (N, RANGE)]; delete the index "
				+ "(createMissing() adds the right one) or point EventHorizon at another table";

		assertThatExceptionOfType(TableSchemaMismatchException.class).isThrownBy(tables::createMissing)
			.withMessage(expected);
		assertThatExceptionOfType(TableSchemaMismatchException.class).isThrownBy(tables::verify).withMessage(expected);
	}

	@Test
	void verifyAcceptsAnEventsTableWithoutTheFeedIndexSoThatSingleStreamApplicationsKeepWorking() {
		createEventsTable((create) -> create.attributeDefinitions(definition("s", ScalarAttributeType.S),
				definition("v", ScalarAttributeType.N)));
		this.client.createTable((create) -> create.tableName(this.names.snapshots())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema((key) -> key.attributeName("s").keyType(KeyType.HASH),
					(key) -> key.attributeName("c").keyType(KeyType.RANGE))
			.attributeDefinitions(definition("s", ScalarAttributeType.S), definition("c", ScalarAttributeType.S)));

		assertThatNoException().isThrownBy(() -> new DynamoDbTables(this.client, this.names).verify());
	}

	@Test
	void createMissingAsksToAddTheFeedIndexToAnEventsTableWithoutIt() {
		List<UpdateTableRequest> updates = new CopyOnWriteArrayList<>();
		DynamoDbClient recording = DynamoDbTestServer.get().newClient(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof UpdateTableRequest update) {
					updates.add(update);
				}
			}

		});
		createEventsTable((create) -> create.attributeDefinitions(definition("s", ScalarAttributeType.S),
				definition("v", ScalarAttributeType.N)));
		DynamoDbTables tables = new DynamoDbTables(recording, this.names, Duration.ofSeconds(30));

		if (DynamoDbTestServer.get().isDynalite()) {
			assertThatIllegalStateException().isThrownBy(tables::createMissing)
				.withMessageStartingWith("DynamoDB table \"" + this.names.events() + "\" has no index \"feed\" and "
						+ "adding it failed: ")
				.withMessageEndingWith("; add it as docs/aws/eventhorizon-tables.yaml does, recreate the table, or turn "
						+ "the change feed off (dynalite cannot add an index to an existing table)");
		}
		else {
			tables.createMissing();
			assertThat(describe(this.names.events()).globalSecondaryIndexes()).singleElement()
				.satisfies((index) -> assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE));
		}
		recording.close();

		assertThat(updates).singleElement().satisfies((update) -> {
			assertThat(update.tableName()).isEqualTo(this.names.events());
			assertThat(update.globalSecondaryIndexUpdates()).singleElement().satisfies((indexUpdate) -> {
				assertThat(indexUpdate.create().indexName()).isEqualTo("feed");
				assertThat(indexUpdate.create().keySchema()).extracting((key) -> key.attributeName() + ":" + key.keyType())
					.containsExactly("f:" + KeyType.HASH, "ft:" + KeyType.RANGE);
				assertThat(indexUpdate.create().projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
				assertThat(indexUpdate.create().provisionedThroughput()).as("billed on demand as the table").isNull();
			});
			assertThat(update.attributeDefinitions())
				.extracting((definition) -> definition.attributeName() + ":" + definition.attributeType())
				.contains("f:" + ScalarAttributeType.S, "ft:" + ScalarAttributeType.N);
		});
	}

	private void createEventsTable(Consumer<CreateTableRequest.Builder> customizer) {
		this.client.createTable((create) -> {
			create.tableName(this.names.events())
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.keySchema((key) -> key.attributeName("s").keyType(KeyType.HASH),
						(key) -> key.attributeName("v").keyType(KeyType.RANGE));
			customizer.accept(create);
		});
	}

	private static AttributeDefinition definition(String name, ScalarAttributeType type) {
		return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
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
