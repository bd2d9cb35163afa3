package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code streams ls [PARENT]} command: lists the children announced in a stream (the
 * root by default), or with {@code --recursive} the whole tree below it, each with its head.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
		description = "Lists the streams announced in PARENT, with their heads.")
class StreamsListCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions outputOptions = new OutputOptions();

	@Parameters(paramLabel = "PARENT", arity = "0..1", defaultValue = "/",
			description = "The stream whose children to list (default: ${DEFAULT-VALUE}, the root).")
	private String parent = "/";

	@Option(names = { "-r", "--recursive" }, description = "Lists the whole tree below PARENT, depth first.")
	private boolean recursive;

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName top = StreamName.of(this.parent);
		Output output = Output.of(this.spec, this.outputOptions);
		try (DynamoDbClient client = cli.newClient()) {
			EventLog eventLog = cli.eventLog(client);
			List<StreamTree.Node> nodes = new StreamTree(eventLog).below(top, this.recursive);
			List<List<String>> rows = new ArrayList<>();
			for (StreamTree.Node node : nodes) {
				Cursor head = headOrNull(eventLog, node.stream());
				if (output.json()) {
					Map<String, @Nullable Object> line = new LinkedHashMap<>();
					line.put("stream", node.stream().toString());
					line.put("head", (head != null) ? head.toString() : null);
					output.printJson(line);
				}
				else {
					// Indented by depth, so that people see the tree.
					rows.add(List.of("  ".repeat(node.depth() - 1) + node.stream(),
							(head != null) ? head.toString() : output.styled("yellow", "being created"),
							(head != null) ? Long.toString(head.version() + 1) : "-"));
				}
			}
			if (!output.json()) {
				output.printTable(List.of("STREAM", "HEAD", "ENTRIES"), rows);
			}
		}
		return 0;
	}

	// An announced child whose first entry is still being written has no head yet.
	private static @Nullable Cursor headOrNull(EventLog eventLog, StreamName stream) {
		try {
			return eventLog.head(stream);
		}
		catch (StreamNotFoundException ex) {
			return null;
		}
	}

}
