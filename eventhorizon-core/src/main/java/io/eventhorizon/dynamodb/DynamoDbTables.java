package io.eventhorizon.dynamodb;

import java.time.Duration;
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
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates and checks the events and snapshots tables. Nothing happens until a method is
 * called: creating tables needs the {@code dynamodb:CreateTable} permission that a
 * production role should not have, so it is always asked for explicitly.
 * <p>
 * Thread-safe; concurrent creation of the same table (by several instances) is fine.
 *
 * @since 0.1.0
 */
public final class DynamoDbTables {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbTables.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

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
		this.tables = List.of(new TableSpec(names.events(), TableLayout.VERSION, ScalarAttributeType.N),
				new TableSpec(names.snapshots(), TableLayout.PERSPECTIVE, ScalarAttributeType.S));
		this.activeTimeout = Objects.requireNonNull(activeTimeout, "activeTimeout must not be null");
	}

	/**
	 * Creates the tables that do not exist (on-demand billing), waits until they are
	 * active, and checks the key schema of those that exist.
	 * @throws TableSchemaMismatchException if an existing table has another key schema
	 */
	public void createMissing() {
		for (TableSpec table : this.tables) {
			TableDescription description = describe(table.name());
			if (description != null) {
				table.check(description);
				continue;
			}
			try {
				this.client.createTable((create) -> create.tableName(table.name())
					.billingMode(BillingMode.PAY_PER_REQUEST)
					.keySchema(table.keySchema())
					.attributeDefinitions(table.attributeDefinitions()));
				logger.info("Created DynamoDB table {}", table.name());
			}
			catch (ResourceInUseException ex) {
				// Another instance is creating it at the same moment; wait for it like for ours.
			}
			awaitActive(table);
		}
	}

	/**
	 * Checks that both tables exist with the expected key schema.
	 * @throws MissingTableException if a table does not exist
	 * @throws TableSchemaMismatchException if a table has another key schema
	 */
	public void verify() {
		for (TableSpec table : this.tables) {
			TableDescription description = describe(table.name());
			if (description == null) {
				throw new MissingTableException(table.name());
			}
			table.check(description);
		}
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
			if (description != null && description.tableStatus() == TableStatus.ACTIVE) {
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

	private record TableSpec(String name, String sortKey, ScalarAttributeType sortKeyType) {

		List<KeySchemaElement> keySchema() {
			return List.of(KeySchemaElement.builder().attributeName(TableLayout.STREAM).keyType(KeyType.HASH).build(),
					KeySchemaElement.builder().attributeName(this.sortKey).keyType(KeyType.RANGE).build());
		}

		List<AttributeDefinition> attributeDefinitions() {
			return List.of(
					AttributeDefinition.builder()
						.attributeName(TableLayout.STREAM)
						.attributeType(ScalarAttributeType.S)
						.build(),
					AttributeDefinition.builder().attributeName(this.sortKey).attributeType(this.sortKeyType).build());
		}

		void check(TableDescription description) {
			String expected = render(keySchema(), attributeDefinitions());
			String actual = render(description.keySchema(), description.attributeDefinitions());
			if (!expected.equals(actual)) {
				throw new TableSchemaMismatchException(this.name, expected, actual);
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
