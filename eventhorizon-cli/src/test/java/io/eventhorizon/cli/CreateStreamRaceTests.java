package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operators run {@code eventhorizon create /bank} at the same moment: both first puts of
 * {@code /bank@0} are held until both are about to be sent.
 */
class CreateStreamRaceTests {

	private final DynamoDbTestServer server = DynamoDbTestServer.get();

	private final String eventsTable = DynamoDbTestServer.uniqueTableName("cli_race_events");

	private final String snapshotsTable = DynamoDbTestServer.uniqueTableName("cli_race_snapshots");

	@Test
	void twoOperatorsCreatingTheSameStreamAtOnceCreateItOnceAndTheOtherIsToldItExists() throws Exception {
		assertThat(run(new EventHorizonCli(), "tables", "create").exitCode()).isZero();
		CyclicBarrier bothAboutToPut = new CyclicBarrier(2);

		CompletableFuture<Outcome> first = CompletableFuture
			.supplyAsync(() -> run(heldAtFirstPutOfBank(bothAboutToPut), "create", "/bank"));
		CompletableFuture<Outcome> second = CompletableFuture
			.supplyAsync(() -> run(heldAtFirstPutOfBank(bothAboutToPut), "create", "/bank"));
		List<Outcome> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

		assertThat(outcomes).extracting(Outcome::exitCode).containsExactlyInAnyOrder(0, 1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.exitCode() == 0)
			.singleElement()
			.extracting(Outcome::out)
			.isEqualTo("/bank@0" + System.lineSeparator());
		assertThat(outcomes).filteredOn((outcome) -> outcome.exitCode() == 1)
			.singleElement()
			.extracting(Outcome::err)
			.asString()
			.contains("Stream /bank already exists");
		assertThat(rootEntries()).as("entries of / ($stream.Started, then one announcement of /bank)").isEqualTo(2);
	}

	private int rootEntries() {
		try (DynamoDbClient client = this.server.newClient()) {
			DynamoDbEventLog eventLog = DynamoDbEventLog.builder(client).tableName(this.eventsTable).build();
			return eventLog.read(StreamName.root().beginning()).entries().size();
		}
	}

	private static EventHorizonCli heldAtFirstPutOfBank(CyclicBarrier barrier) {
		AtomicBoolean held = new AtomicBoolean();
		return new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
				SdkRequest request = context.request();
				if (request instanceof PutItemRequest put && isBankAtZero(put) && held.compareAndSet(false, true)) {
					try {
						barrier.await(10, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException("The other operator never got to its put", ex);
					}
				}
			}

		}));
	}

	private static boolean isBankAtZero(PutItemRequest put) {
		AttributeValue stream = put.item().get("s");
		AttributeValue version = put.item().get("v");
		return stream != null && "/bank".equals(stream.s()) && version != null && "0".equals(version.n());
	}

	private Outcome run(EventHorizonCli cli, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = EventHorizonCli.commandLine(cli);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		List<String> line = new ArrayList<>(List.of("--endpoint", this.server.endpoint().toString(), "--region",
				"us-east-1", "--events-table", this.eventsTable, "--snapshots-table", this.snapshotsTable));
		line.addAll(List.of(args));
		int exitCode = commandLine.execute(line.toArray(String[]::new));
		return new Outcome(exitCode, out.toString(), err.toString());
	}

	private record Outcome(int exitCode, String out, String err) {
	}

}
