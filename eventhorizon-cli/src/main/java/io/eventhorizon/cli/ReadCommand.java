package io.eventhorizon.cli;

import java.util.concurrent.Callable;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code read CURSOR} command: prints the entries after a cursor (exclusive, as the
 * event log reads), at most {@code --limit} of them, decoded by {@link EntryView}. When
 * more follow, it tells on the error stream the cursor to read after next.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
		description = "Prints the entries after CURSOR, decoded: type, time, user and payload of each event.")
class ReadCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions outputOptions = new OutputOptions();

	@Parameters(paramLabel = "CURSOR",
			description = "Where to read after, exclusive: /bank@-1 reads /bank from its beginning, /bank@41 from @42.")
	private String cursor = "";

	@Option(names = "--limit", paramLabel = "N", defaultValue = "100",
			description = "Prints at most N entries (default: ${DEFAULT-VALUE}).")
	private int limit = 100;

	@Override
	public Integer call() {
		if (this.limit < 1) {
			throw new ParameterException(this.spec.commandLine(), "--limit must be 1 or more, was " + this.limit);
		}
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		// Parsed here, not by a picocli converter, so that a bad cursor fails with the core's own message.
		Cursor after = Cursor.parse(this.cursor);
		EntryView view = new EntryView(Output.of(this.spec, this.outputOptions));
		try (DynamoDbClient client = cli.newClient()) {
			EventLog eventLog = cli.eventLog(client);
			// Also refuses a stream that does not exist, naming it, whatever the cursor's version.
			Cursor head = eventLog.head(after.stream());
			if (head.isBefore(after)) {
				// Nothing there now, and a cursor no reader could have been given: a typo, or tables restored.
				throw new IllegalArgumentException(
						"Cannot read after " + after + ": the head of " + after.stream() + " is " + head);
			}
			int printed = 0;
			Cursor last = after;
			while (printed < this.limit && last.isBefore(head)) {
				ReadResult page = eventLog.read(last);
				for (LogEntry entry : page.entries()) {
					if (printed == this.limit) {
						break;
					}
					view.print(entry);
					last = entry.cursor();
					printed++;
				}
				if (page.entries().isEmpty()) {
					break;
				}
			}
			if (last.isBefore(head)) {
				this.spec.commandLine()
					.getErr()
					.println("More entries follow, up to " + head + ": read " + last + " for the next ones.");
			}
		}
		return 0;
	}

}
