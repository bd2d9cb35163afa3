package io.eventhorizon.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.CrashingInterceptor.SimulatedCrash;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.Latches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A snapshot split across items is never read half-written: two instances of the store on
 * one table, one of them paused or crashed at a chosen request.
 */
class DynamoDbSplitSnapshotRaceIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final SnapshotPerspective ACCOUNTS_V1 = SnapshotPerspective.v1("bank-accounts");

	// 1.5 MB: six chunks, more than one page of a Query (1 MB).
	private static final int SIZE = 1536 * 1024;

	private final Interleaving pauses = new Interleaving();

	private final CrashingInterceptor crashes = new CrashingInterceptor();

	private final DynamoDbClient pausedClient = DynamoDbTestServer.get().newClient(this.pauses, this.crashes);

	private final DynamoDbClient otherClient = DynamoDbTestServer.get().newClient();

	private final String table = DynamoDbTestServer.uniqueTableName("split_snapshots");

	private final SnapshotStore paused = newStore(this.pausedClient);

	private final SnapshotStore other = new DynamoDbSnapshotStore(this.otherClient, this.table);

	private final ExecutorService threads = Executors.newFixedThreadPool(1);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.pausedClient.close();
		this.otherClient.close();
	}

	@Test
	void aWriterCrashingAfterSomeChunksLeavesThePreviousSnapshotReadable() {
		this.other.write(large(5));
		AtomicInteger chunksPut = new AtomicInteger();
		this.crashes.crashBeforeSending((request) -> isChunkPut(request) && chunksPut.incrementAndGet() == 3);

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> this.paused.write(large(9)));

		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(5));
	}

	@Test
	void theNextWriteDeletesTheChunksACrashedWriterLeft() {
		this.other.write(large(5));
		AtomicInteger chunksPut = new AtomicInteger();
		this.crashes.crashBeforeSending((request) -> isChunkPut(request) && chunksPut.incrementAndGet() == 3);
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> this.paused.write(large(9)));

		this.other.write(large(12));

		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(12));
		assertThat(chunkVersions()).containsOnly("12").hasSize(6);
	}

	@Test
	void aWriterCrashingRightAfterItsManifestLeavesTheNewSnapshotReadable() {
		this.other.write(large(5));
		this.crashes.crashAfterExecuted(DynamoDbSplitSnapshotRaceIntegrationTests::isManifestPut);

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> this.paused.write(large(9)));

		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(9));
	}

	@Test
	void aReaderWhoseChunksANewerWriterDeletesMidReadGetsTheNewerSnapshot() {
		this.other.write(large(5));
		CountDownLatch firstPageRead = new CountDownLatch(1);
		CountDownLatch newerWritten = new CountDownLatch(1);
		this.pauses.afterExecuted(1, DynamoDbSplitSnapshotRaceIntegrationTests::isChunkRead, () -> {
			firstPageRead.countDown();
			Latches.await(newerWritten);
		});
		CompletableFuture<Optional<Snapshot>> read = readInThread();
		Latches.await(firstPageRead);

		this.other.write(large(9));
		newerWritten.countDown();

		assertThat(read.join()).contains(large(9));
	}

	@Test
	void aReaderOutrunTwiceReadsNoSnapshotRatherThanATornOne() {
		this.other.write(large(5));
		CountDownLatch[] pageRead = { new CountDownLatch(1), new CountDownLatch(1) };
		CountDownLatch[] newerWritten = { new CountDownLatch(1), new CountDownLatch(1) };
		AtomicInteger look = new AtomicInteger();
		this.pauses.afterExecuted(2, DynamoDbSplitSnapshotRaceIntegrationTests::isChunkRead, () -> {
			int n = look.getAndIncrement();
			pageRead[n].countDown();
			Latches.await(newerWritten[n]);
		});
		CompletableFuture<Optional<Snapshot>> read = readInThread();
		Latches.await(pageRead[0]);
		this.other.write(large(9));
		newerWritten[0].countDown();
		Latches.await(pageRead[1]);

		this.other.write(large(12));
		newerWritten[1].countDown();

		assertThat(read.join()).isEmpty();
		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(12));
	}

	@Test
	void anOlderWriterWhoseManifestComesLastLosesAndDeletesItsOwnChunks() {
		CountDownLatch olderChunksWritten = new CountDownLatch(1);
		CountDownLatch newerWritten = new CountDownLatch(1);
		this.pauses.beforeSending(1, DynamoDbSplitSnapshotRaceIntegrationTests::isManifestPut, () -> {
			olderChunksWritten.countDown();
			Latches.await(newerWritten);
		});
		CompletableFuture<Boolean> older = writeInThread(large(5));
		Latches.await(olderChunksWritten);

		assertThat(this.other.write(large(9))).isTrue();
		newerWritten.countDown();

		assertThat(older.join()).isFalse();
		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(9));
		assertThat(chunkVersions()).containsOnly("9").hasSize(6);
	}

	@Test
	void anOlderWriterFinishingWhileANewerOneWritesItsChunksLeavesThemAlone() {
		CountDownLatch newerChunksWritten = new CountDownLatch(1);
		CountDownLatch olderWritten = new CountDownLatch(1);
		this.pauses.beforeSending(1, DynamoDbSplitSnapshotRaceIntegrationTests::isManifestPut, () -> {
			newerChunksWritten.countDown();
			Latches.await(olderWritten);
		});
		CompletableFuture<Boolean> newer = writeInThread(large(9));
		Latches.await(newerChunksWritten);

		assertThat(this.other.write(large(5))).isTrue();
		olderWritten.countDown();

		assertThat(newer.join()).isTrue();
		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(9));
		assertThat(chunkVersions()).containsOnly("9").hasSize(6);
	}

	@Test
	void aSnapshotWrittenWhileADeleteCleansUpKeepsItsChunks() {
		this.other.write(large(5));
		CountDownLatch snapshotItemDeleted = new CountDownLatch(1);
		CountDownLatch laggingWritten = new CountDownLatch(1);
		this.pauses.afterExecuted(1, DynamoDbSplitSnapshotRaceIntegrationTests::isSnapshotItemDelete, () -> {
			snapshotItemDeleted.countDown();
			Latches.await(laggingWritten);
		});
		CompletableFuture<Boolean> delete = CompletableFuture
			.supplyAsync(() -> this.paused.delete(BANK, ACCOUNTS_V1), this.threads);
		Latches.await(snapshotItemDeleted);

		// A lagging instance writes an older snapshot where the deleted one was.
		assertThat(this.other.write(large(3))).isTrue();
		laggingWritten.countDown();

		assertThat(delete.join()).isTrue();
		assertThat(this.other.read(BANK, ACCOUNTS_V1)).contains(large(3));
		assertThat(chunkVersions()).containsOnly("3").hasSize(6);
	}

	private CompletableFuture<Optional<Snapshot>> readInThread() {
		return CompletableFuture.supplyAsync(() -> this.paused.read(BANK, ACCOUNTS_V1), this.threads);
	}

	private CompletableFuture<Boolean> writeInThread(Snapshot snapshot) {
		return CompletableFuture.supplyAsync(() -> this.paused.write(snapshot), this.threads);
	}

	private List<String> chunkVersions() {
		return this.otherClient
			.queryPaginator((query) -> query.tableName(this.table)
				.consistentRead(true)
				.keyConditionExpression("s = :s")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("$chunks/bank"))))
			.items()
			.stream()
			.map((chunk) -> chunk.get("v").n())
			.toList();
	}

	private SnapshotStore newStore(DynamoDbClient client) {
		new DynamoDbTables(client, new DynamoDbTableNames(this.table + "_events", this.table)).createMissing();
		return new DynamoDbSnapshotStore(client, this.table);
	}

	// Random bytes seeded by the version: every version and every chunk differs.
	private static Snapshot large(long version) {
		byte[] data = new byte[SIZE];
		new Random(version).nextBytes(data);
		return Snapshot.of(BANK.at(version), ACCOUNTS_V1, data);
	}

	private static boolean isChunkPut(SdkRequest request) {
		return request instanceof PutItemRequest put && put.item().get("s").s().startsWith("$chunks");
	}

	private static boolean isManifestPut(SdkRequest request) {
		return request instanceof PutItemRequest put && put.item().get("s").s().equals("/bank");
	}

	private static boolean isSnapshotItemDelete(SdkRequest request) {
		return request instanceof DeleteItemRequest delete && delete.key().get("s").s().equals("/bank");
	}

	// The first page of a read of a set's chunks, not the listing of keys before deleting.
	private static boolean isChunkRead(SdkRequest request) {
		return request instanceof QueryRequest query && query.projectionExpression() == null
				&& !query.hasExclusiveStartKey();
	}

}
