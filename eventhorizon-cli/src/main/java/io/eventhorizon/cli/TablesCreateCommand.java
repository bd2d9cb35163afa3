package io.eventhorizon.cli;

import java.util.concurrent.Callable;

import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code tables create} command: creates the tables that are missing and the events
 * table's change feed index, as the starter's {@code eventhorizon.dynamodb.create-tables}
 * does, and refuses tables whose key schema is wrong.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = "Creates the missing tables (on-demand billing) and the events table's index \"feed\".")
class TablesCreateCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		DynamoDbTableNames names = cli.tableNames();
		try (DynamoDbClient client = cli.newClient()) {
			new DynamoDbTables(client, names).createMissing();
		}
		this.spec.commandLine()
			.getOut()
			.println("Tables " + names.events() + " and " + names.snapshots() + " are ready.");
		return 0;
	}

}
