package io.eventhorizon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.MetaEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator exports a tree while an application writes to it: the export's scan is held at
 * a chosen page while streams are created and appended to, then the copy is imported into
 * empty tables and verified.
 */
class ExportDuringWritesTests {

	private final CliSession source = CliSession.withTables("cli_export_live_source");

	private final CliSession target = CliSession.withTables("cli_export_live_target");

	@TempDir
	private Path directory;

	@AfterEach
	void closeSessions() {
		this.source.close();
		this.target.close();
	}

	@Test
	void childrenCreatedWhileTheScanIsPastTheirParentAreCopiedWithTheirAnnouncements() throws Exception {
		BankTree.create(this.source.eventLog());
		CountDownLatch parentScanned = new CountDownLatch(1);
		CountDownLatch created = new CountDownLatch(1);
		CompletableFuture<CliRun> export = exportHeldBy(
				HeldScan.afterLeaving(BankTree.ACCOUNT_A.toString(), parentScanned, created));
		assertThat(parentScanned.await(10, TimeUnit.SECONDS)).as("the export scanned /bank/a and left it").isTrue();
		List<StreamName> children = createChildren(BankTree.ACCOUNT_A);
		created.countDown();

		assertCopyIsCleanAndHolds(export.get(60, TimeUnit.SECONDS), children);
	}

	@Test
	void childrenScannedBeforeTheyExistedButAnnouncedInTheCopyAreCopied() throws Exception {
		BankTree.create(this.source.eventLog());
		CountDownLatch parentReached = new CountDownLatch(1);
		CountDownLatch created = new CountDownLatch(1);
		CompletableFuture<CliRun> export = exportHeldBy(
				HeldScan.afterItem(BankTree.BANK.at(0).toString(), parentReached, created));
		assertThat(parentReached.await(10, TimeUnit.SECONDS)).as("the export scanned /bank@0").isTrue();
		List<StreamName> children = createChildren(BankTree.BANK);
		created.countDown();

		assertCopyIsCleanAndHolds(export.get(60, TimeUnit.SECONDS), children);
		for (StreamName child : children) {
			assertThat(announcementsIn(BankTree.BANK, child)).as("announcements of " + child).isEqualTo(1);
		}
	}

	@Test
	void entriesAppendedToStreamsAlreadyScannedAreCopiedAndTheCopyIsClean() throws Exception {
		BankTree.create(this.source.eventLog());
		CountDownLatch midStream = new CountDownLatch(1);
		CountDownLatch appended = new CountDownLatch(1);
		CompletableFuture<CliRun> export = exportHeldBy(
				HeldScan.afterItem(BankTree.ACCOUNT_A.at(0).toString(), midStream, appended));
		assertThat(midStream.await(10, TimeUnit.SECONDS)).as("the export scanned /bank/a@0").isTrue();
		DynamoDbEventLog eventLog = this.source.eventLog();
		List<StreamName> streams = List.of(StreamName.root(), BankTree.BANK, BankTree.ACCOUNT_A, BankTree.ACCOUNT_B);
		for (StreamName stream : streams) {
			eventLog.append(stream, deposited(9));
			eventLog.append(stream, deposited(10));
		}
		appended.countDown();

		assertCopyIsCleanAndHolds(export.get(60, TimeUnit.SECONDS), List.of());
		for (StreamName stream : streams) {
			assertThat(this.target.eventLog().head(stream)).isEqualTo(eventLog.head(stream));
		}
	}

	@Test
	void aTreeThatKeepsChangingThroughEveryClosingPassFailsTheExportAndLeavesNoFile() {
		BankTree.create(this.source.eventLog());
		DynamoDbEventLog eventLog = this.source.eventLog();
		// Each query of a closing pass is preceded by an append: no pass ever finds nothing new.
		ExecutionInterceptor appendingBeforeEachQuery = new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof QueryRequest) {
					eventLog.append(BankTree.ACCOUNT_A, deposited(1));
				}
			}

		};
		Path file = this.directory.resolve("export.jsonl");

		CliRun exported = this.source.run(new EventHorizonCli(List.of(appendingBeforeEachQuery)), "export", "/",
				"--output", file.toString());

		assertThat(exported.exitCode()).as(exported.toString()).isEqualTo(1);
		assertThat(exported.err()).contains("kept changing").contains("export it while it is quiet");
		assertThat(file).doesNotExist();
		assertThat(this.directory.resolve("export.jsonl.partial")).doesNotExist();
	}

	private CompletableFuture<CliRun> exportHeldBy(ExecutionInterceptor held) {
		Path file = this.directory.resolve("export.jsonl");
		EventHorizonCli cli = new EventHorizonCli(List.of(held));
		return CompletableFuture.supplyAsync(() -> {
			CliRun exported = this.source.run(cli, "export", "/", "--output", file.toString());
			assertThat(exported.exitCode()).as(exported.toString()).isZero();
			return this.target.run("import", file.toString());
		});
	}

	// Six, so that some come before the hold in the scan's order and some after it.
	private List<StreamName> createChildren(StreamName parent) {
		DynamoDbEventLog eventLog = this.source.eventLog();
		List<StreamName> children = new ArrayList<>();
		for (int child = 1; child <= 6; child++) {
			children.add(parent.child("c" + child));
			eventLog.createStream(children.get(children.size() - 1));
		}
		return children;
	}

	private void assertCopyIsCleanAndHolds(CliRun imported, List<StreamName> streams) {
		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		CliRun verified = this.target.run("verify");
		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.out()).contains("clean").doesNotContain("unannounced").doesNotContain("missing");
		for (StreamName stream : streams) {
			assertThat(this.target.eventLog().head(stream)).as("head of " + stream + " in the copy")
				.isEqualTo(stream.at(0));
		}
	}

	private long announcementsIn(StreamName parent, StreamName child) {
		return this.target.client()
			.queryPaginator((query) -> query.tableName(this.target.eventsTable())
				.keyConditionExpression("#s = :s")
				.expressionAttributeNames(Map.of("#s", EventItems.STREAM))
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(parent.toString()))))
			.items()
			.stream()
			.filter((item) -> MetaEvents.announces(LogData.fromStored(item.get(EventItems.DATA).b().asByteArray()),
					child))
			.count();
	}

	private static LogData deposited(int amount) {
		return LogData.ofLines(LogDataKind.DATA,
				List.of("{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00Z\"} {\"Amount\":" + amount + "}"));
	}

}
