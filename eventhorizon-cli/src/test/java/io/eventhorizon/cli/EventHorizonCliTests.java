package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.testing.DynamoDbTestServer;
import picocli.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code eventhorizon} command run in-process against dynalite, as an operator runs it.
 */
class EventHorizonCliTests {

	private final DynamoDbTestServer server = DynamoDbTestServer.get();

	private final String eventsTable = DynamoDbTestServer.uniqueTableName("cli_events");

	private final String snapshotsTable = DynamoDbTestServer.uniqueTableName("cli_snapshots");

	private final DynamoDbClient client = this.server.newClient();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void tablesCreateThenDescribeShowsTheKeysAndTheBillingMode() {
		CliRun created = run("tables", "create");
		assertThat(created.exitCode()).as(created.err()).isZero();
		assertThat(created.out()).contains(this.eventsTable, this.snapshotsTable);

		CliRun described = run("tables", "describe");
		assertThat(described.exitCode()).as(described.err()).isZero();
		assertThat(described.out()).contains(this.eventsTable, this.snapshotsTable)
			.contains("s HASH, v RANGE")
			.contains("PAY_PER_REQUEST")
			.contains("index feed:")
			.contains("item count:   0");
	}

	@Test
	void aTableWithTheWrongKeysIsRefusedByName() {
		createTableKeyedOnlyBy("id", this.eventsTable);

		CliRun described = run("tables", "describe");
		assertThat(described.exitCode()).isEqualTo(1);
		assertThat(described.err()).contains("\"" + this.eventsTable + "\"").contains("key schema");
		assertThat(described.out()).isEmpty();

		CliRun created = run("tables", "create");
		assertThat(created.exitCode()).isEqualTo(1);
		assertThat(created.err()).contains("\"" + this.eventsTable + "\"");
	}

	@Test
	void describingTablesThatDoNotExistNamesTheMissingTable() {
		CliRun described = run("tables", "describe");
		assertThat(described.exitCode()).isEqualTo(1);
		assertThat(described.err()).contains(this.eventsTable);
	}

	@Test
	void aStreamIsCreatedOnceAndCreatingItAgainFailsNamingIt() {
		run("tables", "create");

		CliRun first = run("create", "/bank");
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(first.out().trim()).isEqualTo("/bank@0");

		CliRun second = run("create", "/bank");
		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.err()).contains("/bank").contains("already exists");
		assertThat(second.out()).isEmpty();
	}

	@Test
	void aStreamInAParentThatDoesNotExistIsRefusedNamingTheParent() {
		run("tables", "create");

		CliRun created = run("create", "/bank/accounts");
		assertThat(created.exitCode()).isEqualTo(1);
		assertThat(created.err()).contains("/bank");
	}

	@Test
	void aBadStreamNameIsRefusedNamingIt() {
		CliRun created = run("create", "bank");
		assertThat(created.exitCode()).isEqualTo(1);
		assertThat(created.err()).contains("Invalid stream name \"bank\"").contains("must be absolute");
	}

	@Test
	void aBadTableNameIsRefusedNamingIt() {
		CliRun created = runOn(List.of("--events-table", "x"), "tables", "create");
		assertThat(created.exitCode()).isEqualTo(1);
		assertThat(created.err()).contains("Invalid events table name \"x\"");
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		CliRun unknown = new CliRun(EventHorizonCli.commandLine(), "streams", "rm");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err()).contains("streams");
	}

	@Test
	void helpAndVersionNeedNoTables() {
		CliRun help = new CliRun(EventHorizonCli.commandLine(), "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("--endpoint", "--region", "--events-table", "--snapshots-table", "tables",
				"create");

		CliRun version = new CliRun(EventHorizonCli.commandLine(), "--version");
		assertThat(version.exitCode()).isZero();
		assertThat(version.out()).startsWith("eventhorizon ").doesNotContain("${");
	}

	@Test
	void everyCommandHasItsHelp() {
		List<List<String>> commands = new ArrayList<>();
		collectCommands(EventHorizonCli.commandLine(), new ArrayList<>(), commands);
		assertThat(commands).hasSizeGreaterThanOrEqualTo(14);

		for (List<String> command : commands) {
			List<String> line = new ArrayList<>(command);
			line.add("--help");
			CliRun help = new CliRun(EventHorizonCli.commandLine(), line.toArray(String[]::new));
			assertThat(help.exitCode()).as(line.toString()).isZero();
			assertThat(help.out()).as(line.toString()).startsWith("Usage: eventhorizon " + String.join(" ", command));
		}
	}

	private static void collectCommands(CommandLine command, List<String> path, List<List<String>> commands) {
		commands.add(List.copyOf(path));
		command.getSubcommands().forEach((name, subcommand) -> {
			List<String> subpath = new ArrayList<>(path);
			subpath.add(name);
			collectCommands(subcommand, subpath, commands);
		});
	}

	private CliRun run(String... args) {
		return runOn(List.of("--events-table", this.eventsTable, "--snapshots-table", this.snapshotsTable), args);
	}

	private CliRun runOn(List<String> tableOptions, String... args) {
		List<String> line = new ArrayList<>(
				List.of("--endpoint", this.server.endpoint().toString(), "--region", "us-east-1"));
		line.addAll(tableOptions);
		line.addAll(List.of(args));
		return new CliRun(EventHorizonCli.commandLine(), line.toArray(String[]::new));
	}

	private void createTableKeyedOnlyBy(String attribute, String table) {
		this.client.createTable((create) -> create.tableName(table)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema(KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build())
			.attributeDefinitions(AttributeDefinition.builder()
				.attributeName(attribute)
				.attributeType(ScalarAttributeType.S)
				.build()));
	}

}
