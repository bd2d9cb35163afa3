package io.eventhorizon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code append STREAM --after CURSOR FILE|-} command: appends the events of a file of
 * JSON lines (or of the standard input) as one entry right after {@code CURSOR}, which must
 * still be the stream's head, and prints the new entry's cursor. When another writer was
 * faster it appends nothing and exits with 1, naming the cursor given and the head, so that
 * the operator reads again before deciding.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
		description = "Appends events given as JSON lines as one entry after CURSOR, if it is still the head, "
				+ "and prints the new cursor.")
class AppendCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions output;

	@Parameters(index = "0", paramLabel = "STREAM", description = "The stream to append to, for example /accounts/42.")
	private String stream = "";

	@Option(names = "--after", required = true, paramLabel = "CURSOR",
			description = "The head the events follow, for example /accounts/42@3; nothing is appended if it moved.")
	private String after = "";

	@Parameters(index = "1", paramLabel = "FILE|-", description = "The JSON lines, "
			+ "{\"type\":\"account.Deposited\",\"payload\":{...}} with optional \"time\" and \"user\"; - for stdin.")
	private String file = "";

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		Output out = Output.of(this.spec, this.output);
		// Parsed here, not by picocli converters, so that bad values fail with the core's own messages.
		StreamName name = StreamName.of(this.stream);
		Cursor cursor = Cursor.parse(this.after);
		if (!cursor.stream().equals(name)) {
			throw new IllegalArgumentException(
					"The cursor " + cursor + " is not in the stream " + name + "; nothing was appended");
		}
		// Every line is read and checked before DynamoDB is asked anything.
		LogData data = readEvents(cli);
		try (DynamoDbClient client = cli.newClient()) {
			Cursor appended = cli.eventLog(client).appendAfter(cursor, data);
			if (out.json()) {
				out.printJson(Map.of("cursor", appended.toString()));
			}
			else {
				out.out().println(appended);
			}
			return 0;
		}
		catch (OptimisticLockingException ex) {
			return conflict(out, ex);
		}
	}

	private LogData readEvents(EventHorizonCli cli) {
		JsonEventLines lines = new JsonEventLines(cli.clock().instant());
		if ("-".equals(this.file)) {
			return lines.read(cli.in(), "the standard input");
		}
		try (InputStream input = Files.newInputStream(Path.of(this.file))) {
			return lines.read(input, this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.file + ": " + ex, ex);
		}
	}

	private int conflict(Output out, OptimisticLockingException ex) {
		if (out.json()) {
			Map<String, String> conflict = new LinkedHashMap<>();
			conflict.put("after", ex.getRequestedAfter().toString());
			conflict.put("head", ex.getActualHead().toString());
			out.printJson(Map.of("conflict", conflict));
		}
		this.spec.commandLine()
			.getErr()
			.println(this.spec.commandLine()
				.getColorScheme()
				.errorText(ex.getMessage() + "; nothing was appended: read the stream after " + ex.getRequestedAfter()
						+ " and append after " + ex.getActualHead() + " if the events still apply"));
		return 1;
	}

}
