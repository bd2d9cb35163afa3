package io.eventhorizon.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.ChatRoom.ChatMessage;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotSizeLimit;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.SnapshotTooLargeException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.client.ChatRoom.OFFTOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A Reader restores a processor from its newest snapshot, reads only what came after it,
 * and stores newer snapshots in the background; snapshot trouble never stops the processor.
 */
class ReaderSnapshotTests {

	private static final SnapshotPerspective CHAT_V1 = SnapshotPerspective.v1("chat");

	private static final Instant T0 = Instant.parse("2020-02-12T13:45:00Z");

	private final InMemoryEventLog memory = new InMemoryEventLog();

	private final CountingEventLog eventLog = new CountingEventLog(this.memory);

	private final EventLineCodec codec = new EventLineCodec(ChatRoom.TYPES);

	private final CountingSnapshotStore snapshots = new CountingSnapshotStore(new InMemorySnapshotStore());

	private final List<String> snapshotFailures = new ArrayList<>();

	@BeforeEach
	void createTheChatRoom() {
		this.memory.bootstrap();
		this.memory.createStream(StreamName.of("/chatrooms"));
		this.memory.createStream(OFFTOPIC);
	}

	@Test
	void aSnapshotIsRestoredAndANewerOneStoredOnReachingRealtime() {
		this.snapshots.write(Snapshot.of(OFFTOPIC.at(2), CHAT_V1,
				utf8("12:00:01 joonas: First msg from snapshot\n12:00:02 joonas: Second msg from snapshot")));
		// The log says something else for the entries the snapshot covers, so that reading
		// them would show.
		post(1, "This message not actually processed 1", T0);
		post(2, "This message not actually processed 2", T0.plusSeconds(120));
		post(3, "Third msg from log", T0.plusSeconds(180));
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = reader(room, SnapshotPolicy.EVERY_TIME, Clock.systemUTC());

		reader.loadUntilRealtime();

		assertThat(room.printChatLog()).isEqualTo("""
				12:00:01 joonas: First msg from snapshot
				12:00:02 joonas: Second msg from snapshot
				13:48:00 joonas: Third msg from log""");
		assertThat(this.snapshots.writes).hasValue(2);
		assertThat(this.snapshots.read(OFFTOPIC, CHAT_V1)).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.cursor()).isEqualTo(OFFTOPIC.at(3));
			assertThat(new String(snapshot.data(), StandardCharsets.UTF_8)).isEqualTo(room.printChatLog());
		});
		assertThat(reader.stats().snapshotsInstalled()).isEqualTo(1);
		assertThat(reader.stats().snapshotsStored()).isEqualTo(1);
		assertThat(reader.storedSnapshotCursor()).contains(OFFTOPIC.at(3));

		reader.loadUntilRealtime();

		assertThat(this.snapshots.writes).as("a load that does not move on stores nothing").hasValue(2);
	}

	@Test
	void catchingUpFromASnapshotReadsOnlyTheEntriesAfterIt() {
		for (int i = 1; i <= 50; i++) {
			post(i, "message " + i, T0);
		}
		ChatRoom first = new ChatRoom(OFFTOPIC, CHAT_V1);
		reader(first, SnapshotPolicy.EVERY_TIME, Clock.systemUTC()).loadUntilRealtime();
		assertThat(this.eventLog.entriesRead()).isEqualTo(51);
		for (int i = 51; i <= 60; i++) {
			post(i, "message " + i, T0);
		}

		ChatRoom restarted = new ChatRoom(OFFTOPIC, CHAT_V1);
		reader(restarted, SnapshotPolicy.EVERY_TIME, Clock.systemUTC()).loadUntilRealtime();

		assertThat(this.eventLog.entriesRead() - 51).isEqualTo(10);
		assertThat(restarted.messageCount()).isEqualTo(60);
		assertThat(restarted.printChatLog()).endsWith("joonas: message 60");
	}

	@Test
	void noSnapshotAndAFailingStoreDoNotStopTheProcessor() {
		post(1, "Hello", T0);
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = readerRecordingFailures(room, new FailingSnapshotStore(false, true));

		reader.loadUntilRealtime();

		assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: Hello");
		assertThat(this.snapshotFailures).containsExactly("store: too lazy to store /chatrooms/offtopic@1");
		assertThat(reader.stats().snapshotFailures()).isEqualTo(1);
	}

	@Test
	void aSnapshotThatCannotBeLoadedIsSkippedAndTheEventsReadInstead() {
		post(1, "Hello", T0);
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = readerRecordingFailures(room, new FailingSnapshotStore(true, true));

		reader.loadUntilRealtime();

		assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: Hello");
		assertThat(this.snapshotFailures).containsExactly("load: transport error",
				"store: too lazy to store /chatrooms/offtopic@1");
		assertThat(reader.stats().snapshotFailures()).isEqualTo(2);
	}

	@Test
	void aSnapshotOverTheSizeLimitIsRefusedCountedAndTheProcessorGoesOn() {
		post(1, "x".repeat(300 * 1024), T0);
		post(2, "y".repeat(300 * 1024), T0);
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		List<RuntimeException> failures = new ArrayList<>();
		SnapshotStore limited = new InMemorySnapshotStore(new SnapshotSizeLimit(400 * 1024));
		Reader reader = Reader.builder(room, this.eventLog)
			.snapshotStore(limited)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.listener(new ReaderListener() {
				@Override
				public void snapshotFailed(String operation, RuntimeException failure) {
					failures.add(failure);
				}
			})
			.build();

		reader.loadUntilRealtime();

		assertThat(room.messageCount()).isEqualTo(2);
		assertThat(failures).singleElement().isInstanceOf(SnapshotTooLargeException.class);
		assertThat(limited.read(OFFTOPIC, CHAT_V1)).isEmpty();
	}

	@Test
	void storingASnapshotDoesNotBlockTheCaller() throws InterruptedException {
		post(1, "Hello", T0);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch stored = new CountDownLatch(1);
		SnapshotStore slowStore = new CountingSnapshotStore(new InMemorySnapshotStore()) {
			@Override
			public boolean write(Snapshot snapshot) {
				await(release);
				boolean written = super.write(snapshot);
				stored.countDown();
				return written;
			}
		};
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = Reader.builder(room, this.eventLog)
			.snapshotStore(slowStore)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.build();

		reader.loadUntilRealtime();
		post(2, "Still here", T0);
		reader.loadUntilRealtime();

		assertThat(room.messageCount()).isEqualTo(2);
		assertThat(slowStore.read(OFFTOPIC, CHAT_V1)).isEmpty();
		release.countDown();
		assertThat(stored.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(slowStore.read(OFFTOPIC, CHAT_V1).map(Snapshot::cursor)).contains(OFFTOPIC.at(1));
	}

	@Test
	void thePolicyLimitsHowOftenSnapshotsAreStored() {
		SettableClock clock = new SettableClock(T0);
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = reader(room, new SnapshotPolicy(Duration.ofMinutes(1), 3), clock);
		post(1, "one", T0);
		post(2, "two", T0);
		post(3, "three", T0);

		reader.loadUntilRealtime();
		assertThat(this.snapshots.writes).as("three entries on").hasValue(1);

		post(4, "four", T0);
		post(5, "five", T0);
		post(6, "six", T0);
		clock.advance(Duration.ofSeconds(59));
		reader.loadUntilRealtime();
		assertThat(this.snapshots.writes).as("within the minute").hasValue(1);

		clock.advance(Duration.ofSeconds(1));
		reader.loadUntilRealtime();
		assertThat(this.snapshots.writes).as("a minute later").hasValue(2);

		post(7, "seven", T0);
		clock.advance(Duration.ofMinutes(5));
		reader.loadUntilRealtime();
		assertThat(this.snapshots.writes).as("one entry on").hasValue(2);
	}

	@Test
	void aProcessorIsRebuiltFromItsSnapshotOrFromTheBeginning() {
		post(1, "one", T0);
		post(2, "two", T0);
		ChatRoom room = new ChatRoom(OFFTOPIC, CHAT_V1);
		Reader reader = reader(room, SnapshotPolicy.EVERY_TIME, Clock.systemUTC());
		reader.loadUntilRealtime();
		long readBefore = this.eventLog.entriesRead();

		assertThat(reader.rebuild(true)).as("entries after the snapshot").isZero();
		assertThat(this.eventLog.entriesRead()).isEqualTo(readBefore);
		assertThat(room.messageCount()).isEqualTo(2);

		assertThat(reader.rebuild(false)).as("every entry").isEqualTo(3);
		assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: one\n13:45:00 joonas: two");
		assertThat(room.cursor()).isEqualTo(OFFTOPIC.at(2));
	}

	@Test
	void aProcessorThatCannotBeResetIsNotRebuilt() {
		post(1, "one", T0);
		BankAccount account = new BankAccount(OFFTOPIC);
		Reader reader = Reader.builder(account, this.eventLog).build();
		reader.loadUntilRealtime();

		assertThatIllegalStateException().isThrownBy(() -> reader.rebuild(false))
			.withMessageContaining("cannot be rebuilt");
		assertThat(account.cursor()).isEqualTo(OFFTOPIC.at(1));
	}

	@Test
	void aNewPerspectiveVersionStartsFromTheEvents() {
		post(1, "Hello", T0);
		this.snapshots.write(Snapshot.of(OFFTOPIC.at(1), CHAT_V1, utf8("old format")));
		ChatRoom room = new ChatRoom(OFFTOPIC, new SnapshotPerspective("chat", "v2"));

		reader(room, SnapshotPolicy.EVERY_TIME, Clock.systemUTC()).loadUntilRealtime();

		assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: Hello");
		assertThat(this.snapshots.read(OFFTOPIC, new SnapshotPerspective("chat", "v2"))).isPresent();
	}

	private Reader reader(ChatRoom room, SnapshotPolicy policy, Clock clock) {
		return Reader.builder(room, this.eventLog)
			.snapshotStore(this.snapshots)
			.snapshotPolicy(policy)
			.snapshotExecutor(Runnable::run)
			.clock(clock)
			.build();
	}

	private Reader readerRecordingFailures(ChatRoom room, SnapshotStore store) {
		return Reader.builder(room, this.eventLog)
			.snapshotStore(store)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.listener(new ReaderListener() {
				@Override
				public void snapshotFailed(String operation, RuntimeException failure) {
					ReaderSnapshotTests.this.snapshotFailures.add(operation + ": " + failure.getMessage());
				}
			})
			.build();
	}

	private void post(int id, String message, Instant time) {
		this.memory.append(OFFTOPIC,
				this.codec.encode(List.of(Event.of(new ChatMessage(id, message), EventMeta.of(time, "joonas")))));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static class CountingSnapshotStore implements SnapshotStore {

		private final SnapshotStore delegate;

		final AtomicInteger writes = new AtomicInteger();

		CountingSnapshotStore(SnapshotStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public Optional<Snapshot> read(StreamName stream, SnapshotPerspective perspective) {
			return this.delegate.read(stream, perspective);
		}

		@Override
		public boolean write(Snapshot snapshot) {
			this.writes.incrementAndGet();
			return this.delegate.write(snapshot);
		}

		@Override
		public boolean delete(StreamName stream, SnapshotPerspective perspective) {
			return this.delegate.delete(stream, perspective);
		}

	}

	private record FailingSnapshotStore(boolean failReads, boolean failWrites) implements SnapshotStore {

		@Override
		public Optional<Snapshot> read(StreamName stream, SnapshotPerspective perspective) {
			if (this.failReads) {
				throw new IllegalStateException("transport error");
			}
			return Optional.empty();
		}

		@Override
		public boolean write(Snapshot snapshot) {
			throw new IllegalStateException("too lazy to store " + snapshot.cursor());
		}

		@Override
		public boolean delete(StreamName stream, SnapshotPerspective perspective) {
			return false;
		}

	}

}
