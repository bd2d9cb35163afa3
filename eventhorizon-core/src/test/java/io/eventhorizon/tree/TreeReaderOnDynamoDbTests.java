package io.eventhorizon.tree;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.CrashingInterceptor;
import io.eventhorizon.dynamodb.CrashingInterceptor.SimulatedCrash;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.LateFeedInterceptor;
import io.eventhorizon.testing.Latches;
import io.eventhorizon.testing.RequestLog;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chat's tree reader on DynamoDB (dynalite, through the SDK) skips nothing under each
 * fault the design names, injected for real: writers whose clocks are 5 s apart, the feed
 * index visible late, a writer crashing between the steps of opening a room, the read model
 * crashing in the middle of an entry, two readers on two clients while two writers talk. An
 * idle poll costs one index {@code Query} per partition, whatever the number of rooms. The
 * readers run with their defaults: 15 s overlap, 15 min backtrack window, a backtrack a
 * minute, a sweep a day.
 */
class TreeReaderOnDynamoDbTests {

	private static final int MESSAGES = 20;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final List<DynamoDbClient> clients = new ArrayList<>();

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	private String table;

	private Chat chat;

	@BeforeEach
	void openTheChat() {
		DynamoDbEventLog log = FreshEventLogs.on(client(), "treechat");
		this.table = log.tableName();
		log.bootstrap();
		log.createStream(ChatTree.CHAT);
		this.chat = new Chat(log(client(), this.clock));
	}

	@AfterEach
	void closeClients() {
		this.threads.shutdownNow();
		this.clients.forEach(DynamoDbClient::close);
	}

	@Test
	void writersWhoseClocksAreFiveSecondsApartInOnePartitionSkipNothing() {
		List<StreamName> rooms = Chat.roomsInOnePartition(2);
		StreamName aheadRoom = rooms.get(0);
		StreamName behindRoom = rooms.get(1);
		Chat ahead = new Chat(log(client(), Clock.offset(this.clock, Duration.ofSeconds(5))));
		Chat behind = new Chat(log(client(), Clock.offset(this.clock, Duration.ofSeconds(-5))));
		ChatTree model = new ChatTree();
		TreeReader reader = reader(model, client());
		reader.loadUntilRealtime();
		ahead.open(aheadRoom);
		behind.open(behindRoom);

		for (int number = 1; number <= 10; number++) {
			ahead.say(aheadRoom, number);
			behind.say(behindRoom, number);
			poll(reader, Duration.ofSeconds(1));

			assertThat(model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
					Map.of(aheadRoom.toString(), upTo(number), behindRoom.toString(), upTo(number)));
		}
	}

	@Test
	void aRecordHeldBackFromTheIndexForSeveralPollsWithinTheOverlapIsApplied() {
		LateIndex index = new LateIndex();
		index.hideTheQuietRoomsFirstMessage();
		for (int number = 1; number <= 5; number++) {
			index.busyRoomSays(number, Duration.ofSeconds(2));
		}
		assertThat(index.model.numbersByRoom()).doesNotContainKey(index.quiet.toString());

		index.late.release();
		poll(index.reader, Duration.ofSeconds(1));

		assertThat(index.model.numbersByRoom()).containsEntry(index.quiet.toString(), upTo(1));
		assertThat(index.late.hiddenCount()).isPositive();
	}

	@Test
	void aRecordHeldBackLongerThanTheOverlapButWithinTheBacktrackWindowIsApplied() {
		LateIndex index = new LateIndex();
		index.hideTheQuietRoomsFirstMessage();
		for (int number = 1; number <= 12; number++) {
			index.busyRoomSays(number, Duration.ofSeconds(10));
		}
		assertThat(index.model.numbersByRoom()).doesNotContainKey(index.quiet.toString());

		index.late.release();
		index.busyRoomSays(13, Duration.ofSeconds(10));
		poll(index.reader, Duration.ofSeconds(50));

		assertThat(index.model.numbersByRoom()).containsEntry(index.quiet.toString(), upTo(1));
	}

	@Test
	void aRecordHeldBackLongerThanTheBacktrackWindowIsFoundByTheSweep() {
		LateIndex index = new LateIndex();
		index.hideTheQuietRoomsFirstMessage();
		for (int number = 1; number <= 20; number++) {
			index.busyRoomSays(number, Duration.ofMinutes(1));
		}
		index.late.release();
		poll(index.reader, Duration.ofMinutes(1));
		assertThat(index.model.numbersByRoom()).doesNotContainKey(index.quiet.toString());

		int applied = index.reader.sweep();

		assertThat(applied).isOne();
		assertThat(index.model.numbersByRoom()).containsEntry(index.quiet.toString(), upTo(1));
	}

	@Test
	void aRoomWhoseOpenerCrashedAfterWritingItsPendingStartIsAppliedOnlyOnceAnotherOpenerFinishesIt() {
		StreamName room = room("lunch");
		aRoomWhoseOpenerCrashedIsAppliedOnlyOnceFinished(room,
				(crashes) -> crashes.crashAfterExecuted((request) -> request instanceof PutItemRequest put
						&& AttributeValue.fromS(room.toString()).equals(put.item().get("s"))));
	}

	@Test
	void aRoomWhoseOpenerCrashedAfterAnnouncingItIsAppliedOnlyOnceAnotherOpenerFinishesIt() {
		aRoomWhoseOpenerCrashedIsAppliedOnlyOnceFinished(room("lunch"),
				(crashes) -> crashes.crashBeforeSending((request) -> request instanceof UpdateItemRequest));
	}

	private void aRoomWhoseOpenerCrashedIsAppliedOnlyOnceFinished(StreamName room,
			Consumer<CrashingInterceptor> crashAtOneStep) {
		ChatTree model = new ChatTree();
		TreeReader reader = reader(model, client());
		reader.loadUntilRealtime();
		CrashingInterceptor crashes = new CrashingInterceptor();
		Chat crashingOpener = new Chat(log(client(crashes), this.clock));
		crashAtOneStep.accept(crashes);
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> crashingOpener.open(room));

		// Past the overlap and the backtrack window: only the finished room's record can
		// tell the reader, short of a sweep.
		for (int minute = 1; minute <= 20; minute++) {
			poll(reader, Duration.ofMinutes(1));
			assertThat(model.cursor(room)).as("a room still being opened does not exist").isEqualTo(room.beginning());
		}
		this.chat.open(room);
		this.chat.say(room, 1);
		poll(reader, Duration.ofSeconds(1));

		assertThat(model.numbersByRoom()).containsEntry(room.toString(), upTo(1));
		assertThat(model.cursor(room)).isEqualTo(room.at(1));
	}

	@Test
	void aModelThatCrashesInTheMiddleOfAnEntryRestartsFromItsSnapshotInDynamoDbAndMissesNothing() {
		DynamoDbSnapshotStore snapshots = new DynamoDbSnapshotStore(client(), this.table + "_snapshots");
		StreamName general = this.chat.open(room("general"));
		StreamName random = this.chat.open(room("random"));
		FragileChatTree crashing = new FragileChatTree(ChatTree.PERSPECTIVE);
		TreeReader first = snapshotting(crashing, client(), snapshots);
		this.chat.sayUpTo(general, 3);
		this.chat.sayUpTo(random, 2);
		poll(first, Duration.ofSeconds(1));
		this.chat.say(general, 4);
		StreamName lunch = this.chat.open(general.child("lunch"));
		this.chat.sayUpTo(lunch, 2);
		this.chat.sayTwoAtOnce(general, 5, "boom");
		assertThatIllegalStateException().isThrownBy(() -> poll(first, Duration.ofSeconds(1))).withMessage("boom");

		RequestLog requests = new RequestLog();
		ChatTree restartedModel = new ChatTree(ChatTree.PERSPECTIVE);
		TreeReader restarted = snapshotting(restartedModel, client(requests), snapshots);
		poll(restarted, Duration.ofSeconds(1));

		assertThat(restartedModel.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(Map.of(general.toString(),
				upTo(6), random.toString(), upTo(2), lunch.toString(), upTo(2)));
		assertThat(restarted.stats().snapshotsInstalled()).isOne();
		assertThat(requests.streamQueries(this.table, ChatTree.CHAT)).as("the tree is not walked").isZero();
		assertThat(requests.streamQueries(this.table, random)).as("a room that did not move is not read").isZero();
	}

	@Test
	void twoReadersOnTwoClientsEachSeeEveryMessageOnceInOrderWhileTwoWritersTalk() throws Exception {
		CyclicBarrier start = new CyclicBarrier(4);
		CountDownLatch halfSaid = new CountDownLatch(2);
		CountDownLatch readerAInTheMiddle = new CountDownLatch(1);
		CountDownLatch restSaid = new CountDownLatch(2);
		CountDownLatch writersDone = new CountDownLatch(2);
		// Reader A stops in the middle of its first poll after half was said (before it
		// queries partition 8), until the rest is said.
		ExecutionInterceptor stopInTheMiddle = new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof QueryRequest query && query.indexName() != null
						&& query.expressionAttributeValues().get(":f").s().endsWith("#8") && halfSaid.getCount() == 0
						&& readerAInTheMiddle.getCount() == 1) {
					readerAInTheMiddle.countDown();
					Latches.await(restSaid);
				}
			}

		};
		ChatTree modelA = new ChatTree();
		ChatTree modelB = new ChatTree();
		TreeReader readerA = reader(modelA, client(stopInTheMiddle));
		TreeReader readerB = reader(modelB, client());
		readerA.loadUntilRealtime();
		readerB.loadUntilRealtime();
		Map<String, List<Integer>> expected = new HashMap<>();
		for (String writer : List.of("ann", "bob")) {
			expected.put(room(writer).toString(), upTo(MESSAGES));
			expected.put(room(writer).child("thread").toString(), upTo(MESSAGES));
		}

		List<Future<?>> work = List.of(
				this.threads.submit(() -> talk("ann", start, halfSaid, readerAInTheMiddle, restSaid, writersDone)),
				this.threads.submit(() -> talk("bob", start, halfSaid, readerAInTheMiddle, restSaid, writersDone)),
				this.threads.submit(() -> pollUntil(readerA, start, writersDone)),
				this.threads.submit(() -> pollUntil(readerB, start, writersDone)));
		for (Future<?> done : work) {
			done.get(2, TimeUnit.MINUTES);
		}
		readerA.loadUntilRealtime();
		readerB.loadUntilRealtime();

		assertThat(readerAInTheMiddle.getCount()).as("reader A was stopped in the middle of a poll").isZero();
		assertThat(modelA.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(modelB.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(readerA.stats().entriesProcessed()).isEqualTo(readerB.stats().entriesProcessed());
	}

	@ParameterizedTest(name = "{0} rooms")
	@ValueSource(ints = { 10, 500 })
	void anIdlePollQueriesEachFeedPartitionOnceAndReadsNoRoom(int rooms) {
		RequestLog requests = new RequestLog();
		ChatTree model = new ChatTree();
		TreeReader reader = reader(model, client(requests));
		reader.loadUntilRealtime();
		for (int index = 0; index < rooms; index++) {
			StreamName room = this.chat.open(room("room-" + index));
			this.chat.sayUpTo(room, 3);
		}
		assertThat(poll(reader, Duration.ofSeconds(1))).isEqualTo(4 * rooms);
		// Quiet for twice the overlap (and no backtrack due): the burst is behind the window.
		poll(reader, Duration.ofSeconds(30));
		requests.clear();

		int applied = poll(reader, Duration.ofSeconds(15));

		assertThat(applied).isZero();
		assertThat(requests.indexQueries(this.table)).isEqualTo(ChangeFeed.PARTITIONS);
		assertThat(requests.tableReads(this.table)).isZero();
	}

	private Void talk(String writer, CyclicBarrier start, CountDownLatch halfSaid, CountDownLatch readerInTheMiddle,
			CountDownLatch restSaid, CountDownLatch done) throws Exception {
		Chat chat = new Chat(log(client(), this.clock));
		start.await(1, TimeUnit.MINUTES);
		chat.talkInOwnRoomAndThread(writer, MESSAGES, halfSaid, readerInTheMiddle,
				() -> this.clock.advance(Duration.ofSeconds(1)));
		restSaid.countDown();
		done.countDown();
		return null;
	}

	private Void pollUntil(TreeReader reader, CyclicBarrier start, CountDownLatch writersDone) throws Exception {
		start.await(1, TimeUnit.MINUTES);
		while (writersDone.getCount() > 0) {
			reader.loadUntilRealtime();
		}
		return null;
	}

	private int poll(TreeReader reader, Duration after) {
		this.clock.advance(after);
		return reader.loadUntilRealtime();
	}

	private TreeReader reader(ChatTree model, DynamoDbClient client) {
		return TreeReader.builder(model, log(client, this.clock), ChatTree.CHAT).clock(this.clock).build();
	}

	private TreeReader snapshotting(ChatTree model, DynamoDbClient client, DynamoDbSnapshotStore snapshots) {
		return TreeReader.builder(model, log(client, this.clock), ChatTree.CHAT)
			.clock(this.clock)
			.snapshotStore(snapshots)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.build();
	}

	private DynamoDbEventLog log(DynamoDbClient client, Clock clock) {
		return DynamoDbEventLog.builder(client).tableName(this.table).clock(clock).build();
	}

	private DynamoDbClient client(ExecutionInterceptor... interceptors) {
		DynamoDbClient client = DynamoDbTestServer.get().newClient(interceptors);
		this.clients.add(client);
		return client;
	}

	/**
	 * Two rooms in one partition: the quiet room's first message is held back from the
	 * feed index while the busy room talks on and moves the partition's frontier past it.
	 * The quiet room's writer and the reader share the late index; the busy room's writer
	 * does not, so its records are visible at once.
	 */
	private final class LateIndex {

		final LateFeedInterceptor late = new LateFeedInterceptor();

		final ChatTree model = new ChatTree();

		final TreeReader reader = reader(this.model, client(this.late));

		final StreamName quiet = Chat.roomsInOnePartition(2).get(0);

		final StreamName busy = Chat.roomsInOnePartition(2).get(1);

		private final Chat quietWriter = new Chat(log(client(this.late), TreeReaderOnDynamoDbTests.this.clock));

		LateIndex() {
			this.reader.loadUntilRealtime();
			TreeReaderOnDynamoDbTests.this.chat.open(this.quiet);
			TreeReaderOnDynamoDbTests.this.chat.open(this.busy);
			poll(this.reader, Duration.ofSeconds(1));
		}

		void hideTheQuietRoomsFirstMessage() {
			this.late.hold();
			this.quietWriter.say(this.quiet, 1);
		}

		void busyRoomSays(int number, Duration thenPollAfter) {
			TreeReaderOnDynamoDbTests.this.chat.say(this.busy, number);
			poll(this.reader, thenPollAfter);
		}

	}

}
