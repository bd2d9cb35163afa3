package io.eventhorizon.cli;

import java.util.concurrent.Callable;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code create STREAM} command: creates a stream in its existing parent, announcing it
 * there, and prints its first cursor. The root stream is created when missing.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = "Creates a stream (its parent must exist) and prints its first cursor.")
class CreateStreamCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "STREAM", description = "The stream to create, for example /accounts/42.")
	private String stream = "";

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		// Parsed here, not by a picocli converter, so that a bad name fails with the core's own message.
		StreamName name = StreamName.of(this.stream);
		try (DynamoDbClient client = cli.newClient()) {
			DynamoDbEventLog eventLog = cli.eventLog(client);
			eventLog.bootstrap();
			Cursor started = eventLog.createStream(name);
			this.spec.commandLine().getOut().println(started);
		}
		return 0;
	}

}
