package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.eventhorizon.core.StreamName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The {@code snapshots ls STREAM} command: one row per perspective with a snapshot of the
 * stream, with its cursor, size and, for a snapshot split across items, its chunk count.
 * Chunk items live under a partition of their own, so they never show as rows.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
		description = "Lists the snapshots of a stream: perspective, cursor, size, storage.")
class SnapshotsLsCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions output;

	@Parameters(paramLabel = "STREAM", description = "The stream, for example /accounts/42.")
	private String stream = "";

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName name = StreamName.of(this.stream);
		Output out = Output.of(this.spec, this.output);
		List<StoredSnapshot> snapshots = new ArrayList<>();
		try (DynamoDbClient client = cli.newClient()) {
			QueryRequest query = QueryRequest.builder()
				.tableName(cli.tableNames().snapshots())
				.consistentRead(true)
				.keyConditionExpression("#s = :s")
				.expressionAttributeNames(Map.of("#s", "s"))
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(name.toString())))
				.build();
			client.queryPaginator(query).items().forEach((item) -> snapshots.add(StoredSnapshot.of(name, item)));
		}
		if (out.json()) {
			snapshots.forEach((snapshot) -> out.printJson(json(snapshot)));
		}
		else if (snapshots.isEmpty()) {
			out.out().println("No snapshots of " + name);
		}
		else {
			out.printTable(List.of("PERSPECTIVE", "CURSOR", "BYTES", "STORAGE"),
					snapshots.stream()
						.map((snapshot) -> List.of(snapshot.perspective(), snapshot.cursor().toString(),
								Long.toString(snapshot.size()), snapshot.storage()))
						.toList());
		}
		return 0;
	}

	private static Map<String, Object> json(StoredSnapshot snapshot) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("perspective", snapshot.perspective());
		json.put("cursor", snapshot.cursor().toString());
		json.put("bytes", snapshot.size());
		json.put("kind", snapshot.kind());
		json.put("chunks", snapshot.chunks());
		return json;
	}

}
