package io.eventhorizon.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operators import the same export into the same empty tables at once, every put of one
 * held until the other is about to put the same item.
 */
class ImportRaceTests {

	private final CliSession source = CliSession.withTables("cli_import_race_source");

	private final CliSession target = CliSession.withTables("cli_import_race_target");

	@TempDir
	private Path directory;

	@AfterEach
	void closeSessions() {
		this.source.close();
		this.target.close();
	}

	@Test
	void twoImportsOfTheSameExportAtOnceWriteEveryItemOnceAndNeitherSeesAConflict() throws Exception {
		DynamoDbEventLog eventLog = this.source.eventLog();
		eventLog.bootstrap();
		eventLog.createStream(StreamName.of("/bank"));
		eventLog.append(StreamName.of("/bank"),
				LogData.ofLines(LogDataKind.DATA, List.of("{\"_\":\"Opened\",\"t\":\"2026-11-28T12:00:00Z\"} {}")));
		Path export = this.directory.resolve("bank.jsonl");
		assertThat(this.source.run("export", "--output", export.toString()).exitCode()).isZero();
		CyclicBarrier bothAboutToPut = new CyclicBarrier(2);

		CompletableFuture<CliRun> first = CompletableFuture
			.supplyAsync(() -> this.target.run(heldAtEveryPut(bothAboutToPut), "import", export.toString()));
		CompletableFuture<CliRun> second = CompletableFuture
			.supplyAsync(() -> this.target.run(heldAtEveryPut(bothAboutToPut), "import", export.toString()));
		List<CliRun> runs = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

		assertThat(runs).allSatisfy((run) -> assertThat(run.exitCode()).as(run.toString()).isZero());
		assertThat(runs).allSatisfy((run) -> assertThat(run.err()).doesNotContain("other content"));
		assertThat(written(runs.get(0)) + written(runs.get(1))).as("items written, by both").isEqualTo(4);
		assertThat(alreadyThere(runs.get(0)) + alreadyThere(runs.get(1))).as("items already there, by both")
			.isEqualTo(4);
		assertThat(RawItems.of(this.target)).isEqualTo(RawItems.of(this.source)).hasSize(4);
	}

	private static EventHorizonCli heldAtEveryPut(CyclicBarrier barrier) {
		return new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
				if (context.request() instanceof PutItemRequest) {
					try {
						barrier.await(10, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException("The other import never got to its put", ex);
					}
				}
			}

		}));
	}

	private static long written(CliRun run) {
		return count(run, "written");
	}

	private static long alreadyThere(CliRun run) {
		return count(run, "already there");
	}

	private static long count(CliRun run, String what) {
		Matcher matcher = Pattern.compile("(\\d+) " + what).matcher(run.out());
		assertThat(matcher.find()).as(run.toString()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
