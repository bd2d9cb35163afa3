package io.eventhorizon.cli;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The {@code eventhorizon} command: its options say which DynamoDB tables to work on, as the
 * starter's {@code eventhorizon.dynamodb.*} properties do, and its subcommands do the work.
 * Credentials come from the default AWS chain.
 * <p>
 * Not thread-safe: picocli sets the options, then runs one subcommand.
 *
 * @since 0.1.0
 */
@Command(name = "eventhorizon", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		description = "Operates the EventHorizon tables on DynamoDB.",
		subcommands = { TablesCommand.class, StreamsCommand.class, CreateStreamCommand.class, ReadCommand.class,
				TailCommand.class, AppendCommand.class, VerifyCommand.class, ExportCommand.class, ImportCommand.class,
				SnapshotsCommand.class })
public class EventHorizonCli {

	@Option(names = "--endpoint", paramLabel = "URI",
			description = "The DynamoDB endpoint, for example http://localhost:8000; the region's by default.")
	private @Nullable URI endpoint;

	@Option(names = "--region", paramLabel = "REGION",
			description = "The AWS region; from the default AWS chain (AWS_REGION, the profile) by default.")
	private @Nullable String region;

	@Option(names = "--events-table", paramLabel = "NAME", defaultValue = DynamoDbTableNames.DEFAULT_EVENTS,
			description = "The events table (default: ${DEFAULT-VALUE}).")
	private String eventsTable = DynamoDbTableNames.DEFAULT_EVENTS;

	@Option(names = "--snapshots-table", paramLabel = "NAME", defaultValue = DynamoDbTableNames.DEFAULT_SNAPSHOTS,
			description = "The snapshots table (default: ${DEFAULT-VALUE}).")
	private String snapshotsTable = DynamoDbTableNames.DEFAULT_SNAPSHOTS;

	private final List<ExecutionInterceptor> interceptors;

	private final Clock clock;

	private InputStream in = System.in;

	/**
	 * Creates the command, whose clients talk to DynamoDB unintercepted.
	 */
	public EventHorizonCli() {
		this(List.of());
	}

	// For tests that hold a call at a chosen moment, to force an interleaving with another command.
	EventHorizonCli(List<ExecutionInterceptor> interceptors) {
		this(interceptors, Clock.systemUTC());
	}

	// For tests that judge ages (of a pending marker, say) by a clock they set.
	EventHorizonCli(List<ExecutionInterceptor> interceptors, Clock clock) {
		this.interceptors = List.copyOf(interceptors);
		this.clock = clock;
	}

	/**
	 * Returns the clock the commands judge ages by.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Returns the standard input, which a command given {@code -} reads.
	 * @return the input
	 */
	InputStream in() {
		return this.in;
	}

	// For tests that feed the standard input of a command run in-process.
	EventHorizonCli readingFrom(InputStream input) {
		this.in = input;
		return this;
	}

	/**
	 * Runs the command and exits with its code: 0 when it succeeded, 1 when it failed, 2
	 * when the command line is wrong.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/**
	 * Returns the command line, ready to {@link CommandLine#execute(String...) execute}: a
	 * failing command prints its message on the error stream, without a stack trace, and
	 * exits with 1.
	 * @return a new command line
	 */
	public static CommandLine commandLine() {
		return commandLine(new EventHorizonCli());
	}

	static CommandLine commandLine(EventHorizonCli cli) {
		CommandLine commandLine = new CommandLine(cli);
		commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> {
			command.getErr().println(command.getColorScheme().errorText(String.valueOf(failure.getMessage())));
			return 1;
		});
		return commandLine;
	}

	/**
	 * Returns the top command, with the options given, of a subcommand at any depth.
	 * @param subcommand the subcommand's spec
	 * @return the top command
	 */
	static EventHorizonCli of(CommandSpec subcommand) {
		return (EventHorizonCli) subcommand.root().userObject();
	}

	/**
	 * Returns the table names given.
	 * @return the table names
	 * @throws IllegalArgumentException if a name is no valid DynamoDB table name
	 */
	DynamoDbTableNames tableNames() {
		return new DynamoDbTableNames(this.eventsTable, this.snapshotsTable);
	}

	/**
	 * Returns the event log on the events table given, judging time by {@link #clock()}.
	 * @param client the client, from {@link #newClient()}
	 * @return the event log
	 */
	DynamoDbEventLog eventLog(DynamoDbClient client) {
		return DynamoDbEventLog.builder(client).tableName(tableNames().events()).clock(this.clock).build();
	}

	/**
	 * Returns a new client for the endpoint and region given.
	 * @return a new client; close it after use
	 */
	DynamoDbClient newClient() {
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.overrideConfiguration((config) -> config.executionInterceptors(this.interceptors));
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
		}
		if (this.region != null) {
			builder.region(Region.of(this.region));
		}
		return builder.build();
	}

}
