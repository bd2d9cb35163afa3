package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The {@code tables describe} command: checks both tables as the starter's
 * {@code eventhorizon.dynamodb.verify-tables} does, then prints their key schema, indexes,
 * item count and billing mode.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
		description = "Checks the tables and shows their key schema, indexes, item count and billing mode.")
class TablesDescribeCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		DynamoDbTableNames names = cli.tableNames();
		PrintWriter out = this.spec.commandLine().getOut();
		try (DynamoDbClient client = cli.newClient()) {
			// The check first, so that a table with the wrong keys is refused, never shown as if usable.
			new DynamoDbTables(client, names).verify();
			for (String name : List.of(names.events(), names.snapshots())) {
				print(out, client.describeTable((describe) -> describe.tableName(name)).table());
			}
		}
		return 0;
	}

	private static void print(PrintWriter out, TableDescription table) {
		out.println(table.tableName());
		out.println("  status:       " + table.tableStatusAsString());
		out.println("  key schema:   " + render(table.keySchema()));
		out.println("  item count:   " + table.itemCount() + " (DynamoDB updates it about every six hours)");
		out.println("  billing mode: " + billingMode(table));
		for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
			out.println("  index " + index.indexName() + ": " + render(index.keySchema()) + ", "
					+ index.indexStatusAsString());
		}
	}

	private static String render(List<KeySchemaElement> keys) {
		return keys.stream()
			.map((key) -> key.attributeName() + " " + key.keyTypeAsString())
			.collect(Collectors.joining(", "));
	}

	// A table created with provisioned capacity may have no billing mode summary at all.
	private static String billingMode(TableDescription table) {
		return (table.billingModeSummary() != null) ? table.billingModeSummary().billingModeAsString()
				: BillingMode.PROVISIONED.toString();
	}

}
