package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.eventhorizon.tree.Chat.room;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an idle poll costs does not grow with the number of rooms: one read of each feed
 * partition, and no read of any room.
 */
class TreeReaderIdleCostTests {

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	@ParameterizedTest(name = "{0} rooms")
	@ValueSource(ints = { 10, 1_000 })
	void anIdlePollReadsEachPartitionOnceAndNoRoom(int rooms) {
		InMemoryEventLog memory = new InMemoryEventLog(this.clock, 100, RetryPolicy.DEFAULT);
		memory.bootstrap();
		memory.createStream(ChatTree.CHAT);
		ObservedLog log = new ObservedLog(memory);
		Chat chat = new Chat(memory);
		TreeReader reader = TreeReader.builder(new ChatTree(), log, ChatTree.CHAT).clock(this.clock).build();
		reader.loadUntilRealtime();
		for (int index = 0; index < rooms; index++) {
			chat.say(chat.open(room("room-" + index)), 1);
		}
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(reader.loadUntilRealtime()).isEqualTo(2 * rooms);
		int feedReads = log.feed().reads();
		int streamReads = log.streamReads();

		this.clock.advance(Duration.ofSeconds(1));
		int applied = reader.loadUntilRealtime();

		assertThat(applied).isZero();
		assertThat(log.feed().reads() - feedReads).isEqualTo(ChangeFeed.PARTITIONS);
		assertThat(log.streamReads() - streamReads).isZero();
	}

}
