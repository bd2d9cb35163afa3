package io.eventhorizon.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.Latches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator runs {@code eventhorizon verify} while an application creates a stream: the
 * creation is held between its steps (or verify's scan is held between its pages) so that
 * verify looks at the table exactly while the creation is half done.
 */
class VerifyDuringCreationTests {

	private static final StreamName CREATED = StreamName.of("/bank/c");

	private final CliSession session = CliSession.withTables("cli_verify_race");

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void aCreationHeldAfterItsPendingMarkerIsInProgressNotAnUnannouncedChild() throws Exception {
		buildBank();
		Held creation = holdCreation((request) -> request instanceof PutItemRequest put && isCreated(put.item()),
				true);

		CliRun during = this.session.run("verify");
		creation.release();

		assertThat(during.exitCode()).as(during.toString()).isZero();
		assertThat(during.out()).contains("creation in progress: /bank/c@0").contains("clean");
		assertThat(creation.outcome().exitCode()).as(creation.outcome().toString()).isZero();
		CliRun after = this.session.run("verify");
		assertThat(after.exitCode()).as(after.toString()).isZero();
		assertThat(after.out()).contains("5 streams").doesNotContain("in progress");
	}

	@Test
	void aCreationHeldAfterItsAnnouncementIsInProgressNotDamage() throws Exception {
		buildBank();
		Held creation = holdCreation(
				(request) -> request instanceof UpdateItemRequest update && isCreated(update.key()), false);

		CliRun during = this.session.run("verify", "--json");
		creation.release();

		assertThat(during.exitCode()).as(during.toString()).isZero();
		assertThat(during.out()).contains("{\"creationInProgress\":\"/bank/c@0\"");
		assertThat(creation.outcome().exitCode()).as(creation.outcome().toString()).isZero();
	}

	@Test
	void childrenCreatedWhileTheScanIsPastTheirParentButNotThemAreNotCalledUnannounced() throws Exception {
		buildBank();
		CountDownLatch parentScanned = new CountDownLatch(1);
		CountDownLatch created = new CountDownLatch(1);
		EventHorizonCli scanningOneItemAPage = new EventHorizonCli(
				List.of(HeldScan.afterLeaving("/bank/a", parentScanned, created)));

		CompletableFuture<CliRun> verify = CompletableFuture
			.supplyAsync(() -> this.session.run(scanningOneItemAPage, "verify"));
		assertThat(parentScanned.await(10, TimeUnit.SECONDS)).as("verify scanned /bank/a and left it").isTrue();
		// A scan goes by a hash of the stream name, /bank/a's comes first on dynalite: of several
		// children, most come after it, to be scanned without the announcements scanned before.
		DynamoDbEventLog eventLog = this.session.eventLog();
		for (int child = 1; child <= 6; child++) {
			eventLog.createStream(StreamName.of("/bank/a/c" + child));
		}
		created.countDown();
		CliRun during = verify.get(30, TimeUnit.SECONDS);

		assertThat(during.exitCode()).as(during.toString()).isZero();
		assertThat(during.out()).as("some children were scanned, after their parent")
			.doesNotContain("Verified /: 4 streams")
			.contains("clean")
			.doesNotContain("unannounced");
	}

	@Test
	void appendsAndCreationsWhileTheScanIsHeldInsideAStreamAreNoDamage() throws Exception {
		buildBank();
		DynamoDbEventLog eventLog = this.session.eventLog();
		for (int deposit = 1; deposit <= 3; deposit++) {
			eventLog.append(BankTree.ACCOUNT_A, deposited(deposit));
		}
		CountDownLatch midStream = new CountDownLatch(1);
		CountDownLatch written = new CountDownLatch(1);
		EventHorizonCli scanningOneItemAPage = new EventHorizonCli(
				List.of(HeldScan.afterItem(BankTree.ACCOUNT_A.at(1).toString(), midStream, written)));

		CompletableFuture<CliRun> verify = CompletableFuture
			.supplyAsync(() -> this.session.run(scanningOneItemAPage, "verify"));
		assertThat(midStream.await(10, TimeUnit.SECONDS)).as("verify scanned /bank/a@1 and no further").isTrue();
		// The stream being scanned, and the others before or after it in the scan, get entries at
		// their heads; new children of each are created and announced, some scanned after their
		// parent, some before it.
		for (StreamName stream : List.of(StreamName.root(), BankTree.BANK, BankTree.ACCOUNT_A, BankTree.ACCOUNT_B)) {
			eventLog.append(stream, deposited(9));
			for (int child = 1; child <= 3; child++) {
				eventLog.createStream(StreamName.of((stream.isRoot() ? "" : stream.toString()) + "/new" + child));
			}
			eventLog.append(stream, deposited(10));
		}
		written.countDown();
		CliRun during = verify.get(60, TimeUnit.SECONDS);

		assertThat(during.exitCode()).as(during.toString()).isZero();
		assertThat(during.out()).as("some streams written were scanned after the hold")
			.doesNotContain("Verified /: 4 streams")
			.contains("clean")
			.doesNotContain("unannounced")
			.doesNotContain("missing");
	}

	private static LogData deposited(int amount) {
		return LogData.ofLines(LogDataKind.DATA,
				List.of("{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00Z\"} {\"Amount\":" + amount + "}"));
	}

	private void buildBank() {
		BankTree.create(this.session.eventLog());
	}

	// Runs `create /bank/c` in another thread, held before (or after) the first request that
	// matches, and returns once it is held there.
	private Held holdCreation(Predicate<SdkRequest> step, boolean afterIt) throws InterruptedException {
		CountDownLatch atStep = new CountDownLatch(1);
		CountDownLatch released = new CountDownLatch(1);
		AtomicBoolean held = new AtomicBoolean();
		EventHorizonCli cli = new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (!afterIt) {
					holdAt(context.request());
				}
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (afterIt) {
					holdAt(context.request());
				}
			}

			private void holdAt(SdkRequest request) {
				if (step.test(request) && held.compareAndSet(false, true)) {
					atStep.countDown();
					Latches.await(released);
				}
			}

		}));
		CompletableFuture<CliRun> outcome = CompletableFuture
			.supplyAsync(() -> this.session.run(cli, "create", CREATED.toString()));
		assertThat(atStep.await(10, TimeUnit.SECONDS)).as("the creation reached the step held").isTrue();
		return new Held(released, outcome);
	}

	private static boolean isCreated(Map<String, AttributeValue> key) {
		AttributeValue stream = key.get(EventItems.STREAM);
		AttributeValue version = key.get(EventItems.VERSION);
		return stream != null && CREATED.toString().equals(stream.s()) && version != null && "0".equals(version.n());
	}

	private record Held(CountDownLatch released, CompletableFuture<CliRun> running) {

		void release() {
			this.released.countDown();
		}

		CliRun outcome() throws Exception {
			return this.running.get(30, TimeUnit.SECONDS);
		}

	}

}
