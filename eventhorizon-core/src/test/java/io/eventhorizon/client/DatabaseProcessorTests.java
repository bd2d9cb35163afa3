package io.eventhorizon.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.client.ChatRoom.ChatMessage;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.client.ChatRoom.OFFTOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A read model in a database commits its cursor with its effects, so it sees every entry
 * exactly once, even when several instances advance the same database.
 */
class DatabaseProcessorTests {

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final EventLineCodec codec = new EventLineCodec(ChatRoom.TYPES);

	private final ChatDatabase database = new ChatDatabase(OFFTOPIC);

	@BeforeEach
	void createTheChatRoom() {
		this.eventLog.bootstrap();
		this.eventLog.createStream(StreamName.of("/chatrooms"));
		this.eventLog.createStream(OFFTOPIC);
	}

	@Test
	void twoInstancesAdvancingOneDatabaseStoreEveryMessageOnce() {
		List<ProcessorCursorMismatchException> rediscoveries = new ArrayList<>();
		Reader first = Reader.builder(this.database.newProcessor(), this.eventLog).build();
		Reader second = Reader.builder(this.database.newProcessor(), this.eventLog).listener(new ReaderListener() {
			@Override
			public void cursorRediscovered(ProcessorCursorMismatchException mismatch) {
				rediscoveries.add(mismatch);
			}
		}).build();
		post("one");
		post("two");
		first.loadUntilRealtime();
		second.loadUntilRealtime();

		post("three");
		first.loadUntilRealtime();
		post("four");
		second.loadUntilRealtime();

		assertThat(this.database.messages()).containsExactly("one", "two", "three", "four");
		assertThat(this.database.cursor()).isEqualTo(OFFTOPIC.at(4));
		assertThat(rediscoveries).singleElement().satisfies((mismatch) -> {
			assertThat(mismatch.getExpected()).isEqualTo(OFFTOPIC.at(2));
			assertThat(mismatch.getStored()).isEqualTo(OFFTOPIC.at(3));
		});
	}

	@Test
	void anOfferedEntryIsStoredOnceWhenAnotherInstanceMovedTheDatabaseOn() {
		Reader first = Reader.builder(this.database.newProcessor(), this.eventLog).build();
		Reader second = Reader.builder(this.database.newProcessor(), this.eventLog).build();
		post("one");
		first.loadUntilRealtime();
		second.loadUntilRealtime();

		post("two");
		first.loadUntilRealtime();
		LogData three = message("three");
		Cursor written = this.eventLog.appendAfter(OFFTOPIC.at(2), three);
		second.offer(new LogEntry(written, three));
		first.offer(new LogEntry(written, three));

		assertThat(this.database.messages()).containsExactly("one", "two", "three");
		assertThat(this.database.cursor()).isEqualTo(written);
	}

	@Test
	void anEntryTheDatabaseRejectsIsRolledBackAndTriedAgainNextTime() {
		Reader reader = Reader.builder(this.database.newProcessor(), this.eventLog).build();
		post("one");
		post("poison");
		post("three");
		this.database.rejectMessages("poison"::equals);

		assertThatIllegalArgumentException().isThrownBy(reader::loadUntilRealtime)
			.withMessage("Cannot store message \"poison\"");
		assertThat(this.database.messages()).containsExactly("one");
		assertThat(this.database.cursor()).isEqualTo(OFFTOPIC.at(1));

		this.database.rejectMessages((message) -> false);
		reader.loadUntilRealtime();

		assertThat(this.database.messages()).containsExactly("one", "poison", "three");
	}

	@Test
	void withTheSkipPolicyAPoisonEntryIsSkippedAfterThreeFailuresWithARecordAndTheRestApplied() {
		List<String> poisoned = new ArrayList<>();
		Reader reader = Reader.builder(this.database.newProcessor(), this.eventLog)
			.poisonPolicy(PoisonPolicy.SKIP)
			.listener(new ReaderListener() {
				@Override
				public void entryPoisoned(Cursor at, RuntimeException failure) {
					poisoned.add(at + ": " + failure.getMessage());
				}
			})
			.build();
		post("one");
		post("poison");
		post("three");
		this.database.rejectMessages("poison"::equals);

		assertThatIllegalArgumentException().as("first attempt").isThrownBy(reader::loadUntilRealtime);
		assertThatIllegalArgumentException().as("second attempt").isThrownBy(reader::loadUntilRealtime);
		reader.loadUntilRealtime();

		assertThat(this.database.messages()).containsExactly("one", "three");
		assertThat(this.database.cursor()).isEqualTo(OFFTOPIC.at(3));
		assertThat(poisoned).containsExactly("/chatrooms/offtopic@2: Cannot store message \"poison\"");
		assertThat(reader.stats().poisonedEntries()).isEqualTo(1);
	}

	private void post(String message) {
		this.eventLog.append(OFFTOPIC, message(message));
	}

	private LogData message(String message) {
		return this.codec.encode(List.of(Event.of(new ChatMessage(0, message), EventMeta.system(Instant.EPOCH))));
	}

}
