package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing said in the chat is skipped when the feed does not tell the truth on time: writer
 * clocks apart, records visible late (within the overlap, within the backtrack window,
 * beyond it), a record missing while a later one arrives, a room still being opened. The
 * reader runs with its defaults: 15 s overlap, 15 min backtrack window, a backtrack a minute.
 */
class TreeReaderLatenessTests {

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final InMemoryEventLog memory = new InMemoryEventLog(this.clock, 100, RetryPolicy.DEFAULT);

	private final ObservedLog log = new ObservedLog(this.memory);

	private final ControlledFeed feed = this.log.feed();

	private final Chat chat = new Chat(this.log);

	private final ChatTree model = new ChatTree();

	private final List<StreamName> rooms = Chat.roomsInOnePartition(2);

	private final StreamName quiet = this.rooms.get(0);

	private final StreamName busy = this.rooms.get(1);

	private TreeReader reader;

	@BeforeEach
	void openTheChat() {
		this.memory.bootstrap();
		this.memory.createStream(ChatTree.CHAT);
		this.reader = TreeReader.builder(this.model, this.log, ChatTree.CHAT).clock(this.clock).build();
		this.reader.loadUntilRealtime();
		this.chat.open(this.quiet);
		this.chat.open(this.busy);
		poll(Duration.ofSeconds(1));
	}

	@Test
	void writerClocksFiveSecondsApartSkipNothing() {
		this.feed.shift(this.busy, 5_000);
		this.feed.shift(this.quiet, -5_000);
		for (int number = 1; number <= 10; number++) {
			this.chat.say(this.busy, number);
			this.chat.say(this.quiet, number);
			poll(Duration.ofSeconds(1));

			assertThat(this.model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
					Map.of(this.busy.toString(), upTo(number), this.quiet.toString(), upTo(number)));
		}
	}

	@Test
	void aRecordVisibleSeveralPollsLateButWithinTheOverlapIsApplied() {
		Cursor late = this.chat.say(this.quiet, 1);
		this.feed.holdBack(late);
		for (int number = 1; number <= 5; number++) {
			this.chat.say(this.busy, number);
			poll(Duration.ofSeconds(2));
		}
		this.feed.release(late);
		poll(Duration.ofSeconds(1));

		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(1));
	}

	@Test
	void aRecordVisibleLaterThanTheOverlapButWithinTheBacktrackWindowIsApplied() {
		Cursor late = this.chat.say(this.quiet, 1);
		this.feed.holdBack(late);
		for (int number = 1; number <= 12; number++) {
			this.chat.say(this.busy, number);
			poll(Duration.ofSeconds(10));
		}
		this.feed.release(late);
		this.chat.say(this.busy, 13);
		poll(Duration.ofSeconds(10));
		poll(Duration.ofSeconds(50));

		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(1));
	}

	@Test
	void aRecordVisibleAlmostTheBacktrackWindowLateIsAppliedByTheNextBacktrack() {
		Cursor late = this.chat.say(this.quiet, 1);
		this.feed.holdBack(late);
		for (int number = 1; number <= 14; number++) {
			this.chat.say(this.busy, number);
			poll(Duration.ofMinutes(1));
		}
		poll(Duration.ofSeconds(30));
		this.feed.release(late);
		poll(Duration.ofSeconds(1));
		assertThat(this.model.numbersByRoom()).as("between two backtracks").doesNotContainKey(this.quiet.toString());

		// Fourteen and a half minutes late, within the fifteen minutes of the window.
		poll(Duration.ofSeconds(30));

		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(1));
	}

	@Test
	void aRecordVisibleLaterThanTheBacktrackWindowIsFoundByTheSweep() {
		Cursor late = this.chat.say(this.quiet, 1);
		this.feed.holdBack(late);
		for (int number = 1; number <= 20; number++) {
			this.chat.say(this.busy, number);
			poll(Duration.ofMinutes(1));
		}
		this.feed.release(late);
		poll(Duration.ofMinutes(1));
		assertThat(this.model.numbersByRoom()).doesNotContainKey(this.quiet.toString());

		int applied = this.reader.sweep();

		assertThat(applied).isEqualTo(1);
		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(1));
	}

	@Test
	void theSweepRunsByItselfOnceTheSweepIntervalHasPassed() {
		Cursor late = this.chat.say(this.quiet, 1);
		this.feed.holdBack(late);
		poll(Duration.ofHours(1));
		this.chat.say(this.busy, 1);
		poll(Duration.ofHours(1));
		this.feed.release(late);
		poll(Duration.ofHours(21));
		assertThat(this.model.numbersByRoom()).doesNotContainKey(this.quiet.toString());

		poll(Duration.ofHours(1));

		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(1));
	}

	@Test
	void whenTheRecordOfMessageSixIsMissingAndSevenArrivesSixIsAppliedBeforeSeven() {
		this.chat.sayUpTo(this.quiet, 5);
		poll(Duration.ofSeconds(1));
		this.feed.holdBack(this.chat.say(this.quiet, 6));
		this.chat.say(this.quiet, 7);
		poll(Duration.ofSeconds(1));

		assertThat(this.model.numbersByRoom()).containsEntry(this.quiet.toString(), upTo(7));
	}

	@Test
	void aRoomStillBeingOpenedIsSkippedThenAppliedOnceItsOpeningFinishes() {
		StreamName opening = room("opening");
		this.log.startCreating(opening);
		this.chat.open(opening);
		this.chat.say(this.busy, 1);
		poll(Duration.ofSeconds(1));
		assertThat(this.model.cursor(opening)).isEqualTo(opening.beginning());
		assertThat(this.model.numbersByRoom()).containsEntry(this.busy.toString(), upTo(1));
		for (int minute = 0; minute < 20; minute++) {
			poll(Duration.ofMinutes(1));
		}

		this.log.finishCreating(opening);
		// The opening's last step stamps @0 with the finisher's clock: the room re-surfaces.
		this.feed.add(new FeedRecord(opening.at(0), this.clock.millis()));
		poll(Duration.ofSeconds(1));

		assertThat(this.model.cursor(opening)).isEqualTo(opening.at(0));
	}

	private void poll(Duration after) {
		this.clock.advance(after);
		this.reader.loadUntilRealtime();
	}

}
