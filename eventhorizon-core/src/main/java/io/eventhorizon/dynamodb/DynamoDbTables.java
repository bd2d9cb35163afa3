package io.eventhorizon.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates and checks the events and snapshots tables, and the events table's change feed
 * index {@code feed} (partition key {@code f} (S), sort key {@code ft} (N), projection
 * {@code KEYS_ONLY}). Nothing happens until a method is called: creating tables needs the
 * {@code dynamodb:CreateTable} permission that a production role should not have, so it is
 * always asked for explicitly.
 * <p>
 * Thread-safe; concurrent creation of the same table (by several instances) is fine.
 *
 * @since 0.1.0
 */
public final class DynamoDbTables {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbTables.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final List<KeySchemaElement> FEED_INDEX_KEYS = List.of(
			KeySchemaElement.builder().attributeName(TableLayout.FEED_PARTITION).keyType(KeyType.HASH).build(),
			KeySchemaElement.builder().attributeName(TableLayout.FEED_TIME).keyType(KeyType.RANGE).build());

	private final DynamoDbClient client;

	private final List<TableSpec> tables;

	private final Duration activeTimeout;

	/**
	 * Creates the helper with a two-minute wait for tables to become active.
	 * @param client the DynamoDB client
	 * @param names the table names
	 */
	public DynamoDbTables(DynamoDbClient client, DynamoDbTableNames names) {
		this(client, names, Duration.ofMinutes(2));
	}

	/**
	 * Creates the helper.
	 * @param client the DynamoDB client
	 * @param names the table names
	 * @param activeTimeout how long to wait for a new table to become active
	 */
	public DynamoDbTables(DynamoDbClient client, DynamoDbTableNames names, Duration activeTimeout) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		Objects.requireNonNull(names, "names must not be null");
		this.tables = List.of(new TableSpec(names.events(), TableLayout.VERSION, ScalarAttributeType.N, true),
				new TableSpec(names.snapshots(), TableLayout.PERSPECTIVE, ScalarAttributeType.S, false));
		this.activeTimeout = Objects.requireNonNull(activeTimeout, "activeTimeout must not be null");
	}

	/**
	 * Creates the tables that do not exist (on-demand billing), adds the change feed index
	 * to an events table without it (billed as the table), waits until they are active, and
	 * checks the key schema of those that exist.
	 * @throws TableSchemaMismatchException if an existing table or its index {@code feed}
	 * has another key schema
	 * @throws IllegalStateException if a table or the index does not become active in time,
	 * or the index cannot be added (dynalite cannot add one to an existing table)
	 */
	public void createMissing() {
		for (TableSpec table : this.tables) {
			TableDescription description = describe(table.name());
			if (description != null) {
				table.check(description);
				if (table.feedIndex() && feedIndexOf(description) == null) {
					addFeedIndex(table, description);
					awaitActive(table);
				}
				continue;
			}
			try {
				this.client.createTable((create) -> {
					create.tableName(table.name())
						.billingMode(BillingMode.PAY_PER_REQUEST)
						.keySchema(table.keySchema())
						.attributeDefinitions(table.attributeDefinitions());
					if (table.feedIndex()) {
						create.globalSecondaryIndexes(feedIndex(null));
					}
				});
				logger.info("Created DynamoDB table {}", table.name());
			}
			catch (ResourceInUseException ex) {
				// Another instance is creating it at the same moment; wait for it like for ours.
			}
			awaitActive(table);
		}
	}

	/**
	 * Checks that both tables exist with the expected key schema, and that the events
	 * table's index {@code feed}, when it has one, has the expected keys. A missing index is
	 * only logged: an application that follows no tree of streams does not need it.
	 * @throws MissingTableException if a table does not exist
	 * @throws TableSchemaMismatchException if a table or its index {@code feed} has another
	 * key schema
	 */
	public void verify() {
		for (TableSpec table : this.tables) {
			TableDescription description = describe(table.name());
			if (description == null) {
				throw new MissingTableException(table.name());
			}
			table.check(description);
			if (table.feedIndex() && feedIndexOf(description) == null) {
				logger.warn("DynamoDB table {} has no index {}: its change feed cannot be read, so no tree of streams "
						+ "can be followed; add it with DynamoDbTables.createMissing() or the CloudFormation template",
						table.name(), TableLayout.FEED_INDEX);
			}
		}
	}

	// Adding an index to a table that has data takes DynamoDB a while (it backfills the
	// index from the items); two instances may ask at once, and the second is refused.
	private void addFeedIndex(TableSpec table, TableDescription description) {
		ProvisionedThroughput throughput = (description.billingModeSummary() != null
				&& description.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST) ? null
						: ProvisionedThroughput.builder()
							.readCapacityUnits(description.provisionedThroughput().readCapacityUnits())
							.writeCapacityUnits(description.provisionedThroughput().writeCapacityUnits())
							.build();
		GlobalSecondaryIndex index = feedIndex(throughput);
		TableDescription updated;
		try {
			updated = this.client.updateTable((update) -> update.tableName(table.name())
				.attributeDefinitions(table.attributeDefinitions())
				.globalSecondaryIndexUpdates((indexUpdate) -> indexUpdate.create((create) -> create
					.indexName(index.indexName())
					.keySchema(index.keySchema())
					.projection(index.projection())
					.provisionedThroughput(index.provisionedThroughput())))).tableDescription();
		}
		catch (DynamoDbException ex) {
			TableDescription now = describe(table.name());
			if (now != null && feedIndexOf(now) != null) {
				// Another instance added it at the same moment; wait for it like for ours.
				return;
			}
			throw feedIndexNotAdded(table, ex.getMessage(), ex);
		}
		if (feedIndexOf(updated) == null) {
			throw feedIndexNotAdded(table, "the server accepted the request but did not add the index", null);
		}
		logger.info("Adding the index {} to DynamoDB table {}", TableLayout.FEED_INDEX, table.name());
	}

	private static IllegalStateException feedIndexNotAdded(TableSpec table, String reason,
			@Nullable Throwable cause) {
		return new IllegalStateException("DynamoDB table \"" + table.name() + "\" has no index \""
				+ TableLayout.FEED_INDEX + "\" and adding it failed: " + reason
				+ "; add it as docs/aws/eventhorizon-tables.yaml does, recreate the table, or turn the change feed off "
				+ "(dynalite cannot add an index to an existing table)", cause);
	}

	private static GlobalSecondaryIndex feedIndex(@Nullable ProvisionedThroughput throughput) {
		return GlobalSecondaryIndex.builder()
			.indexName(TableLayout.FEED_INDEX)
			.keySchema(FEED_INDEX_KEYS)
			.projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
			.provisionedThroughput(throughput)
			.build();
	}

	private static @Nullable GlobalSecondaryIndexDescription feedIndexOf(TableDescription description) {
		return description.globalSecondaryIndexes()
			.stream()
			.filter((index) -> TableLayout.FEED_INDEX.equals(index.indexName()))
			.findFirst()
			.orElse(null);
	}

	private @Nullable TableDescription describe(String tableName) {
		try {
			return this.client.describeTable((describe) -> describe.tableName(tableName)).table();
		}
		catch (ResourceNotFoundException ex) {
			return null;
		}
	}

	private void awaitActive(TableSpec table) {
		long deadline = System.nanoTime() + this.activeTimeout.toNanos();
		while (true) {
			TableDescription description = describe(table.name());
			if (description != null && isActive(table, description)) {
				table.check(description);
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("DynamoDB table \"" + table.name() + "\" did not become ACTIVE within "
						+ this.activeTimeout + " (status " + ((description != null) ? description.tableStatus() : "none")
						+ ")");
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for table " + table.name(), ex);
			}
		}
	}

	// The table, and the feed index when it has one (DynamoDB backfills a new index a while).
	private static boolean isActive(TableSpec table, TableDescription description) {
		GlobalSecondaryIndexDescription index = table.feedIndex() ? feedIndexOf(description) : null;
		return description.tableStatus() == TableStatus.ACTIVE
				&& (index == null || index.indexStatus() == IndexStatus.ACTIVE);
	}

	private record TableSpec(String name, String sortKey, ScalarAttributeType sortKeyType, boolean feedIndex) {

		List<KeySchemaElement> keySchema() {
			return List.of(KeySchemaElement.builder().attributeName(TableLayout.STREAM).keyType(KeyType.HASH).build(),
					KeySchemaElement.builder().attributeName(this.sortKey).keyType(KeyType.RANGE).build());
		}

		List<AttributeDefinition> attributeDefinitions() {
			List<AttributeDefinition> definitions = new ArrayList<>(List.of(
					definition(TableLayout.STREAM, ScalarAttributeType.S), definition(this.sortKey, this.sortKeyType)));
			if (this.feedIndex) {
				definitions.add(definition(TableLayout.FEED_PARTITION, ScalarAttributeType.S));
				definitions.add(definition(TableLayout.FEED_TIME, ScalarAttributeType.N));
			}
			return definitions;
		}

		private static AttributeDefinition definition(String name, ScalarAttributeType type) {
			return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
		}

		void check(TableDescription description) {
			String expected = render(keySchema(), attributeDefinitions());
			String actual = render(description.keySchema(), description.attributeDefinitions());
			if (!expected.equals(actual)) {
				throw new TableSchemaMismatchException(this.name, expected, actual);
			}
			GlobalSecondaryIndexDescription index = this.feedIndex ? feedIndexOf(description) : null;
			if (index != null) {
				String expectedIndex = render(FEED_INDEX_KEYS, attributeDefinitions());
				String actualIndex = render(index.keySchema(), description.attributeDefinitions());
				if (!expectedIndex.equals(actualIndex)) {
					throw new TableSchemaMismatchException(this.name, TableLayout.FEED_INDEX, expectedIndex, actualIndex);
				}
			}
		}

		private static String render(List<KeySchemaElement> keys, List<AttributeDefinition> definitions) {
			Map<String, String> types = definitions.stream()
				.collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeTypeAsString));
			return keys.stream()
				.map((key) -> key.attributeName() + " (" + types.get(key.attributeName()) + ", " + key.keyTypeAsString()
						+ ")")
				.collect(Collectors.joining(", ", "[", "]"));
		}

	}

}
