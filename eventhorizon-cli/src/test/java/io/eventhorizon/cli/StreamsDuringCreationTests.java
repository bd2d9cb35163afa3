package io.eventhorizon.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.StreamName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator lists and reads streams while {@code create /bank/c} is held between its steps:
 * after the pending {@code @0} is put (not announced yet), or after the announcement (the mark
 * not removed yet).
 */
class StreamsDuringCreationTests {

	private static final StreamName CREATED = StreamName.of("/bank/c");

	private final CliSession session = CliSession.withTables("cli_streams_race");

	private HeldRequest creationStep = HeldRequest.beforeSending((request) -> false);

	private CompletableFuture<CliRun> creation = CompletableFuture.completedFuture(null);

	@BeforeEach
	void createBank() {
		BankTree.create(this.session.eventLog());
	}

	@AfterEach
	void finishCreationAndCloseSession() throws Exception {
		this.creationStep.release();
		CliRun created = this.creation.get(30, TimeUnit.SECONDS);
		if (created != null) {
			assertThat(created.exitCode()).as(created.toString()).isZero();
		}
		this.session.close();
	}

	@Test
	void aChildPutButNotYetAnnouncedIsNotListedAndItsParentStillLists() throws Exception {
		holdCreation(HeldRequest.afterResponse((request) -> isCreatedAtZero(request, PutItemRequest.class)));

		CliRun listed = this.session.run("streams", "ls", "--recursive");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).contains("/bank/a").contains("/bank/b").doesNotContain("/bank/c");
	}

	@Test
	void aChildAnnouncedButNotYetFinishedIsListedAsBeingCreated() throws Exception {
		holdCreation(HeldRequest.beforeSending((request) -> isCreatedAtZero(request, UpdateItemRequest.class)));

		CliRun listed = this.session.run("streams", "ls", "--recursive");
		CliRun listedForScripts = this.session.run("streams", "ls", "/bank", "--json");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).containsPattern("/bank/c +being created");
		assertThat(listedForScripts.exitCode()).as(listedForScripts.toString()).isZero();
		assertThat(listedForScripts.out()).contains("{\"stream\":\"/bank/c\",\"head\":null}");
	}

	@Test
	void theParentReadsWithTheAnnouncementWhileTheChildIsBeingCreated() throws Exception {
		holdCreation(HeldRequest.beforeSending((request) -> isCreatedAtZero(request, UpdateItemRequest.class)));

		CliRun parent = this.session.run("read", "/bank@-1");
		CliRun child = this.session.run("read", "/bank/c@-1");

		assertThat(parent.exitCode()).as(parent.toString()).isZero();
		assertThat(parent.out()).contains("{\"Stream\":\"/bank/c\"}");
		assertThat(child.exitCode()).isEqualTo(1);
		assertThat(child.err()).contains("Stream /bank/c is being created and does not exist yet");
	}

	// Runs `create /bank/c` on a thread of its own and returns once it is held at the step.
	private void holdCreation(HeldRequest step) throws InterruptedException {
		this.creationStep = step;
		this.creation = CompletableFuture
			.supplyAsync(() -> this.session.run(new EventHorizonCli(List.of(step)), "create", CREATED.toString()));
		step.awaitHeld();
	}

	private static boolean isCreatedAtZero(SdkRequest request, Class<? extends SdkRequest> step) {
		if (request instanceof PutItemRequest put && step.isInstance(put)) {
			return isCreatedAtZero(put.item());
		}
		return request instanceof UpdateItemRequest update && step.isInstance(update) && isCreatedAtZero(update.key());
	}

	private static boolean isCreatedAtZero(Map<String, AttributeValue> key) {
		AttributeValue stream = key.get(EventItems.STREAM);
		AttributeValue version = key.get(EventItems.VERSION);
		return stream != null && CREATED.toString().equals(stream.s()) && version != null && "0".equals(version.n());
	}

}
