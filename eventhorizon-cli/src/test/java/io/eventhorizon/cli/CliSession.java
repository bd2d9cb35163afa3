package io.eventhorizon.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.testing.DynamoDbTestServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An operator's session: the command run in-process against a pair of tables of its own on
 * dynalite, with a client to set the tables up and look at them directly.
 */
final class CliSession implements AutoCloseable {

	private final DynamoDbTestServer server = DynamoDbTestServer.get();

	private final String eventsTable;

	private final String snapshotsTable;

	private final DynamoDbClient client = this.server.newClient();

	CliSession(String prefix) {
		this.eventsTable = DynamoDbTestServer.uniqueTableName(prefix + "_events");
		this.snapshotsTable = DynamoDbTestServer.uniqueTableName(prefix + "_snapshots");
	}

	/**
	 * Returns a session whose tables exist, as {@code tables create} leaves them.
	 */
	static CliSession withTables(String prefix) {
		CliSession session = new CliSession(prefix);
		new DynamoDbTables(session.client, session.tableNames()).createMissing();
		return session;
	}

	CliRun run(String... args) {
		return run(new EventHorizonCli(), args);
	}

	CliRun run(EventHorizonCli cli, String... args) {
		return new CliRun(EventHorizonCli.commandLine(cli), commandLine(args));
	}

	CliRun runWithInput(String input, String... args) {
		EventHorizonCli cli = new EventHorizonCli()
			.readingFrom(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
		return run(cli, args);
	}

	/**
	 * Returns the arguments behind the options that point the command at this session's tables.
	 */
	String[] commandLine(String... args) {
		List<String> line = new ArrayList<>(List.of("--endpoint", this.server.endpoint().toString(), "--region",
				"us-east-1", "--events-table", this.eventsTable, "--snapshots-table", this.snapshotsTable));
		line.addAll(List.of(args));
		return line.toArray(String[]::new);
	}

	DynamoDbTableNames tableNames() {
		return new DynamoDbTableNames(this.eventsTable, this.snapshotsTable);
	}

	String eventsTable() {
		return this.eventsTable;
	}

	String snapshotsTable() {
		return this.snapshotsTable;
	}

	DynamoDbClient client() {
		return this.client;
	}

	DynamoDbTestServer server() {
		return this.server;
	}

	/**
	 * Returns the event log an application would use on this session's events table.
	 */
	DynamoDbEventLog eventLog() {
		return DynamoDbEventLog.builder(this.client).tableName(this.eventsTable).build();
	}

	@Override
	public void close() {
		this.client.close();
	}

}
