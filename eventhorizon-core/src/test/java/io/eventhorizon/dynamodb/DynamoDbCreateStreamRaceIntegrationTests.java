package io.eventhorizon.dynamodb;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.event.MetaEvents.StreamStarted;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances create the same stream at the same time: exactly one call succeeds, the
 * other gets {@link StreamAlreadyExistsException}, and the parent announces the child
 * once, whichever call does which step.
 */
class DynamoDbCreateStreamRaceIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final Interleaving interleaving = new Interleaving();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient(this.interleaving);

	private final String table = DynamoDbTestServer.uniqueTableName("create_race");

	private final EventLog first = newLog();

	private final EventLog second = DynamoDbEventLog.builder(this.client).tableName(this.table).build();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.client.close();
	}

	@Test
	void twoCallsThatPutTheStartAtOnceHaveExactlyOneWinner() throws Exception {
		CyclicBarrier bothAboutToPut = new CyclicBarrier(2);
		this.interleaving.beforeSending(2, DynamoDbCreateStreamRaceIntegrationTests::isStartOfBank,
				() -> bothAboutToPut.await(30, TimeUnit.SECONDS));

		CompletableFuture<Cursor> one = createInThread(this.first);
		CompletableFuture<Cursor> other = createInThread(this.second);

		assertThat(List.of(outcome(one), outcome(other))).containsExactlyInAnyOrder(BANK.at(0), StreamAlreadyExistsException.class);
		assertCreatedAndAnnouncedOnce();
	}

	@Test
	void aCallThatFinishesTheCreationOfAnotherStillRunningWinsAndTheOtherLoses() throws Exception {
		CountDownLatch markerPut = new CountDownLatch(1);
		CountDownLatch finisherDone = new CountDownLatch(1);
		this.interleaving.afterExecuted(DynamoDbCreateStreamRaceIntegrationTests::isStartOfBank, () -> {
			markerPut.countDown();
			await(finisherDone);
		});
		CompletableFuture<Cursor> creator = createInThread(this.first);
		await(markerPut);

		Object finisher = outcome(createInThread(this.second));
		finisherDone.countDown();

		assertThat(finisher).isEqualTo(BANK.at(0));
		assertThat(outcome(creator)).isEqualTo(StreamAlreadyExistsException.class);
		assertCreatedAndAnnouncedOnce();
	}

	@Test
	void aCreatorThatRemovesTheMarkFirstWinsOverACallHelpingIt() throws Exception {
		CountDownLatch markerPut = new CountDownLatch(1);
		CountDownLatch helperAboutToRemoveTheMark = new CountDownLatch(1);
		CountDownLatch creatorDone = new CountDownLatch(1);
		this.interleaving.afterExecuted(DynamoDbCreateStreamRaceIntegrationTests::isStartOfBank, () -> {
			markerPut.countDown();
			await(helperAboutToRemoveTheMark);
		});
		this.interleaving.beforeSending(1, UpdateItemRequest.class::isInstance, () -> {
			helperAboutToRemoveTheMark.countDown();
			await(creatorDone);
		});
		CompletableFuture<Cursor> creator = createInThread(this.first);
		await(markerPut);
		CompletableFuture<Cursor> helper = createInThread(this.second);

		Object created = outcome(creator);
		creatorDone.countDown();

		assertThat(created).isEqualTo(BANK.at(0));
		assertThat(outcome(helper)).isEqualTo(StreamAlreadyExistsException.class);
		assertCreatedAndAnnouncedOnce();
	}

	private void assertCreatedAndAnnouncedOnce() {
		assertThat(StreamContents.payloads(this.first, BankEvents.CODEC, StreamName.root()))
			.containsExactly(new StreamStarted(), new ChildStreamCreated("/bank"));
		assertThat(StreamContents.payloads(this.second, BankEvents.CODEC, BANK)).containsExactly(new StreamStarted());
	}

	private CompletableFuture<Cursor> createInThread(EventLog log) {
		return CompletableFuture.supplyAsync(() -> log.createStream(BANK), this.threads);
	}

	// The cursor of a call that succeeded, or the class of what it threw.
	private static Object outcome(CompletableFuture<Cursor> call) throws InterruptedException, TimeoutException {
		try {
			return call.get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause().getClass();
		}
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		if (!latch.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The other call never got there");
		}
	}

	private EventLog newLog() {
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		EventLog log = DynamoDbEventLog.builder(this.client).tableName(this.table).build();
		log.bootstrap();
		return log;
	}

	private static boolean isStartOfBank(SdkRequest request) {
		return request instanceof PutItemRequest put && put.item().get("s").s().equals("/bank")
				&& put.item().get("v").n().equals("0");
	}

}
