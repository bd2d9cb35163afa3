package io.eventhorizon.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.ChatRoom.ChatMessage;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MalformedEntryException;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testkit.ProcessorFixture;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.client.ChatRoom.OFFTOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Go project's reader tests, as stories about a chat room.
 */
class ReaderTests {

	private static final Instant T0 = Instant.parse("2020-02-12T13:45:00Z");

	private static final RetryPolicy QUICK_FOUR_ATTEMPTS = new RetryPolicy(4, Duration.ofMillis(1),
			Duration.ofMillis(2));

	@Test
	void readsTheChatRoomIntoItsPrintedLog() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC))
			.at(T0).givenBy("joonas", new ChatMessage(1, "Testing first message"))
			.at(T0.plusSeconds(120)).givenBy("joonas", new ChatMessage(2, "Is anybody listening?"));

		chat.then((room) -> assertThat(room.printChatLog()).isEqualTo("""
				13:45:00 joonas: Testing first message
				13:47:00 joonas: Is anybody listening?"""));

		chat.at(T0.plusSeconds(47 * 60)).givenBy("joonas", new ChatMessage(3, "So lonely :("))
			.then((room) -> assertThat(room.printChatLog()).isEqualTo("""
					13:45:00 joonas: Testing first message
					13:47:00 joonas: Is anybody listening?
					14:32:00 joonas: So lonely :("""));
		assertThat(chat.reader().stats().entriesProcessed()).isEqualTo(4);
		assertThat(chat.reader().stats().cursor()).isEqualTo(OFFTOPIC.at(3));
	}

	@Test
	void anEntryThisApplicationAppendedIsTakenWithoutReadingItBack() {
		CountingEventLog log = chatLog();
		ChatRoom room = new ChatRoom(OFFTOPIC);
		Reader reader = Reader.builder(room, log).build();
		reader.loadUntilRealtime();
		long readBefore = log.entriesRead();

		LogData hello = message(T0, 1, "Hello");
		Cursor written = log.appendAfter(OFFTOPIC.at(0), hello);
		reader.offer(new LogEntry(written, hello));
		reader.offer(new LogEntry(written, hello));

		assertThat(room.printChatLog()).as("taken once").isEqualTo("13:45:00 joonas: Hello");
		assertThat(log.entriesRead()).as("entries read back").isEqualTo(readBefore);
		assertThat(reader.stats().cursor()).isEqualTo(written);
		reader.loadUntilRealtime();
		assertThat(room.printChatLog()).as("not again from the log").isEqualTo("13:45:00 joonas: Hello");
	}

	@Test
	void anOfferThatWouldLeaveAGapReadsUpToRealtimeInstead() {
		CountingEventLog log = chatLog();
		ChatRoom room = new ChatRoom(OFFTOPIC);
		Reader reader = Reader.builder(room, log).build();
		reader.loadUntilRealtime();

		log.appendAfter(OFFTOPIC.at(0), message(T0, 1, "Someone else was first"));
		LogData mine = message(T0.plusSeconds(60), 2, "Mine");
		Cursor written = log.appendAfter(OFFTOPIC.at(1), mine);
		long readBefore = log.entriesRead();
		reader.offer(new LogEntry(written, mine));

		assertThat(room.printChatLog()).isEqualTo("""
				13:45:00 joonas: Someone else was first
				13:46:00 joonas: Mine""");
		assertThat(log.entriesRead() - readBefore).as("entries read").isEqualTo(2);
	}

	@Test
	void anEntryOfAnotherStreamIsNotOffered() {
		CountingEventLog log = chatLog();
		Reader reader = Reader.builder(new ChatRoom(OFFTOPIC), log).build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> reader.offer(new LogEntry(StreamName.of("/chatrooms").at(1), message(T0, 1, "Hi"))))
			.withMessage("Entry /chatrooms@1 is not of the processor's stream /chatrooms/offtopic");
	}

	private static CountingEventLog chatLog() {
		InMemoryEventLog memory = new InMemoryEventLog();
		memory.bootstrap();
		memory.createStream(StreamName.of("/chatrooms"));
		memory.createStream(OFFTOPIC);
		return new CountingEventLog(memory);
	}

	private static LogData message(Instant at, int id, String text) {
		return new EventLineCodec(ChatRoom.TYPES)
			.encode(List.of(Event.of(new ChatMessage(id, text), EventMeta.of(at, "joonas"))));
	}

	@Test
	void aTransactWriteThatConflictsOnEveryTryFailsAfterFour() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC))
			.givenBy("joonas", new ChatMessage(1, "Testing first message"));
		Reader reader = readerWithRetries(chat, QUICK_FOUR_ATTEMPTS, ReaderListener.NONE);
		AtomicInteger tries = new AtomicInteger();

		assertThatExceptionOfType(TransactWriteExhaustedException.class).isThrownBy(() -> reader.transactWrite((attempt) -> {
			int tried = tries.incrementAndGet();
			throw new OptimisticLockingException(OFFTOPIC.at(tried), OFFTOPIC.at(tried + 1));
		}))
			.withMessage("transactWrite gave up after 4 attempts; last conflict: Optimistic locking conflict on "
					+ "/chatrooms/offtopic: appended after /chatrooms/offtopic@4 but the head is /chatrooms/offtopic@5")
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(4);
				assertThat(ex.getLastConflict().getRequestedAfter()).isEqualTo(OFFTOPIC.at(4));
			});
		assertThat(tries).hasValue(4);
	}

	@Test
	void aTransactWriteThatConflictsTwiceSucceedsOnTheThirdTry() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC, true))
			.givenBy("joonas", new ChatMessage(1, "Testing first message"));
		List<String> retries = new ArrayList<>();
		Reader reader = readerWithRetries(chat, QUICK_FOUR_ATTEMPTS, new ReaderListener() {
			@Override
			public void conflict(int attempt, OptimisticLockingException conflict) {
				retries.add("try " + attempt + ": " + conflict.getMessage());
			}
		});
		ChatRoom room = (ChatRoom) reader.processor();
		reader.loadUntilRealtime();
		EventLineCodec codec = new EventLineCodec(ChatRoom.TYPES);
		AtomicInteger tries = new AtomicInteger();

		reader.transactWrite((attempt) -> {
			// Someone else gets a message in first, twice.
			if (tries.incrementAndGet() <= 2) {
				chat.givenBy("memelord", new ChatMessage(room.messageCount() + 1, "Conflict causing message"));
			}
			return attempt.append(codec.encode(List.of(Event.of(
					new ChatMessage(room.messageCount() + 1, "My last message"), EventMeta.of(T0, "joonas")))));
		});

		assertThat(retries).containsExactly(
				"try 1: Optimistic locking conflict on /chatrooms/offtopic: appended after /chatrooms/offtopic@1 "
						+ "but the head is /chatrooms/offtopic@2",
				"try 2: Optimistic locking conflict on /chatrooms/offtopic: appended after /chatrooms/offtopic@2 "
						+ "but the head is /chatrooms/offtopic@3");
		reader.loadUntilRealtime();
		assertThat(room.printChatLog()).isEqualTo("""
				13:45:00 1 joonas: Testing first message
				13:45:00 2 memelord: Conflict causing message
				13:45:00 3 memelord: Conflict causing message
				13:45:00 4 joonas: My last message""");
	}

	@Test
	void otherExceptionsOfATransactWritePassThroughAtOnce() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC));
		AtomicInteger tries = new AtomicInteger();

		assertThatIllegalStateException().isThrownBy(() -> chat.reader().transactWrite((attempt) -> {
			tries.incrementAndGet();
			throw new IllegalStateException("insufficient funds");
		})).withMessage("insufficient funds");
		assertThat(tries).hasValue(1);
	}

	@Test
	void unknownEventTypesAndEntryKindsAreSkippedCountedAndPassed() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC))
			.givenBy("joonas", new ChatMessage(1, "Hello"));
		EventLineCodec newerWriter = new EventLineCodec(EventTypes.of(ChatMessage.class, Reaction.class));
		chat.eventLog().append(OFFTOPIC, newerWriter.encode(List.of(Event.of(new Reaction("+1"), EventMeta.system(T0)),
				Event.of(new ChatMessage(2, "Nice"), EventMeta.of(T0, "ann")),
				Event.of(new Reaction("heart"), EventMeta.system(T0)))));
		chat.eventLog().append(OFFTOPIC, LogData.of(LogDataKind.ENCRYPTED_DATA, new byte[] { 0, 0, 1, 2, 3 }));
		chat.givenBy("joonas", new ChatMessage(3, "Bye"));

		chat.then((room) -> assertThat(room.printChatLog()).isEqualTo("""
				13:45:00 joonas: Hello
				13:45:00 ann: Nice
				13:45:00 joonas: Bye"""));

		ReaderStats stats = chat.reader().stats();
		assertThat(stats.cursor()).isEqualTo(OFFTOPIC.at(4));
		assertThat(stats.skippedEventsByType()).containsExactlyEntriesOf(Map.of("chat.Reaction", 2L));
		assertThat(stats.skippedEntriesOfUnknownKind()).isEqualTo(1);
		assertThat(stats.eventsProcessed()).isEqualTo(4);
	}

	@Test
	void aMalformedEntryStopsTheProcessorBeforeItAndNamesIt() {
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC))
			.givenBy("joonas", new ChatMessage(1, "Hello"));
		chat.eventLog().append(OFFTOPIC, LogData.ofLines(LogDataKind.DATA, List.of("{\"_\":\"chat.Message\"")));
		chat.givenBy("joonas", new ChatMessage(3, "Never seen"));

		assertThatExceptionOfType(MalformedEntryException.class).isThrownBy(chat::loaded)
			.withMessageStartingWith("Entry /chatrooms/offtopic@2 is malformed at line 1");
		ChatRoom room = (ChatRoom) chat.reader().processor();
		assertThat(room.cursor()).isEqualTo(OFFTOPIC.at(1));
		assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: Hello");
	}

	@Test
	void aCompositeListenerTellsEveryListenerInOrder() {
		List<String> heard = new ArrayList<>();
		ReaderListener first = new ReaderListener() {
			@Override
			public void realtimeReached(Cursor cursor) {
				heard.add("first " + cursor);
			}
		};
		ReaderListener second = new ReaderListener() {
			@Override
			public void realtimeReached(Cursor cursor) {
				heard.add("second " + cursor);
			}
		};
		ProcessorFixture<ChatRoom> chat = ProcessorFixture.of(new ChatRoom(OFFTOPIC));

		Reader.builder(chat.reader().processor(), chat.eventLog())
			.listener(ReaderListener.composite(List.of(first, second)))
			.build()
			.loadUntilRealtime();

		assertThat(heard).containsExactly("first /chatrooms/offtopic@0", "second /chatrooms/offtopic@0");
		assertThat(ReaderListener.composite(List.of())).isSameAs(ReaderListener.NONE);
	}

	private static Reader readerWithRetries(ProcessorFixture<ChatRoom> chat, RetryPolicy policy,
			ReaderListener listener) {
		return Reader.builder(chat.reader().processor(), chat.eventLog())
			.transactWritePolicy(policy)
			.listener(listener)
			.build();
	}

	@EventType("chat.Reaction")
	record Reaction(String emoji) {
	}

}
