package io.eventhorizon.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator runs {@code eventhorizon snapshots delete /bank ledger:v1} while an application
 * writes a newer split snapshot of the same perspective, one of the two held at a chosen
 * request. Whatever the interleaving, the newer snapshot is kept whole or deleted whole:
 * never a manifest without its chunks, never chunks left behind.
 */
class SnapshotsDeleteRaceTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final SnapshotPerspective LEDGER = SnapshotPerspective.v1("ledger");

	private static final int SPLIT_SIZE = 700 * 1024;

	private final CliSession session = CliSession.withTables("cli_snapshot_race");

	private final DynamoDbSnapshotStore store = new DynamoDbSnapshotStore(this.session.client(),
			this.session.snapshotsTable());

	private final Snapshot older = Snapshot.of(BANK.at(5), LEDGER, filled(SPLIT_SIZE, 5));

	private final Snapshot newer = Snapshot.of(BANK.at(9), LEDGER, filled(SPLIT_SIZE, 9));

	@AfterEach
	void close() {
		this.session.close();
	}

	@Test
	void deleteBetweenTheNewerSnapshotsChunksAndItsManifestDeletesTheOlderAndKeepsTheNewerWhole() throws Exception {
		this.store.write(this.older);
		deleteWhileTheNewerIsWrittenAndHeldAt(HeldRequest.beforeSending(SnapshotsDeleteRaceTests::isSnapshotItemPut));

		assertThat(this.store.read(BANK, LEDGER)).contains(this.newer);
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).hasSize(3)
			.allMatch((key) -> key.startsWith("ledger:v1@9/"));
	}

	@Test
	void deleteRightAfterTheNewerManifestIsPutDeletesTheNewerWithAllChunks() throws Exception {
		this.store.write(this.older);
		deleteWhileTheNewerIsWrittenAndHeldAt(HeldRequest.afterResponse(SnapshotsDeleteRaceTests::isSnapshotItemPut));

		assertThat(this.store.read(BANK, LEDGER)).isEmpty();
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).isEmpty();
	}

	@Test
	void aNewerSnapshotWrittenWhileDeleteCleansUpTheOlderChunksIsKeptWhole() throws Exception {
		this.store.write(this.older);
		boolean written = writtenWhileDeleteCleansUp(this.newer);

		assertThat(written).isTrue();
		assertThat(this.store.read(BANK, LEDGER)).contains(this.newer);
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).hasSize(3)
			.allMatch((key) -> key.startsWith("ledger:v1@9/"));
	}

	@Test
	void aSnapshotRewrittenAtTheSameCursorWhileDeleteCleansUpIsKeptWhole() throws Exception {
		this.store.write(this.older);
		Snapshot rewritten = Snapshot.of(BANK.at(5), LEDGER, filled(SPLIT_SIZE, 6));
		boolean written = writtenWhileDeleteCleansUp(rewritten);

		assertThat(written).isTrue();
		assertThat(this.store.read(BANK, LEDGER)).as("the rewritten snapshot, kept whole").contains(rewritten);
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).hasSize(3)
			.allMatch((key) -> key.startsWith("ledger:v1@5/"));
	}

	@Test
	void anOlderSnapshotWrittenByALaggingApplicationWhileDeleteCleansUpIsKeptWhole() throws Exception {
		this.store.write(this.older);
		Snapshot lagging = Snapshot.of(BANK.at(3), LEDGER, filled(SPLIT_SIZE, 3));
		boolean written = writtenWhileDeleteCleansUp(lagging);

		assertThat(written).as("written where the deleted one was").isTrue();
		assertThat(this.store.read(BANK, LEDGER)).as("the lagging snapshot, kept whole").contains(lagging);
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).hasSize(3)
			.allMatch((key) -> key.startsWith("ledger:v1@3/"));
	}

	// The application writing the newer snapshot is held at its manifest's put while the operator deletes.
	private void deleteWhileTheNewerIsWrittenAndHeldAt(HeldRequest manifestPut) throws Exception {
		try (DynamoDbClient applicationClient = this.session.server().newClient(manifestPut)) {
			CompletableFuture<Boolean> application = CompletableFuture.supplyAsync(
					() -> new DynamoDbSnapshotStore(applicationClient, this.session.snapshotsTable()).write(this.newer));
			manifestPut.awaitHeld();
			CliRun deleted = this.session.run("snapshots", "delete", "/bank", "ledger:v1");
			manifestPut.release();

			assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
			assertThat(application.get(30, TimeUnit.SECONDS)).as("the newer snapshot written").isTrue();
		}
	}

	// The operator's delete has deleted the snapshot item and is held before it deletes chunks.
	private boolean writtenWhileDeleteCleansUp(Snapshot snapshot) throws Exception {
		HeldRequest snapshotDelete = HeldRequest.afterResponse(SnapshotsDeleteRaceTests::isSnapshotItemDelete);
		CompletableFuture<CliRun> operator = CompletableFuture.supplyAsync(
				() -> this.session.run(new EventHorizonCli(List.of(snapshotDelete)), "snapshots", "delete", "/bank",
						"ledger:v1"));
		snapshotDelete.awaitHeld();
		boolean written = this.store.write(snapshot);
		snapshotDelete.release();
		CliRun deleted = operator.get(30, TimeUnit.SECONDS);
		assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
		return written;
	}

	// The snapshot item itself (plain data or manifest), not a chunk: its partition is the stream.
	private static boolean isSnapshotItemPut(SdkRequest request) {
		return request instanceof PutItemRequest put && isStream(put.item());
	}

	private static boolean isSnapshotItemDelete(SdkRequest request) {
		return request instanceof DeleteItemRequest delete && isStream(delete.key());
	}

	private static boolean isStream(Map<String, AttributeValue> key) {
		return key.get("s") != null && BANK.toString().equals(key.get("s").s());
	}

	private static byte[] filled(int size, int value) {
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) value);
		return data;
	}

}
