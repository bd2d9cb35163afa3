package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.ForwardingEventLog;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A tree reader follows every room of the chat, and every thread of a room, including the
 * ones opened after it started.
 */
class TreeReaderTests {

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final InMemoryEventLog memory = new InMemoryEventLog(this.clock, 3, RetryPolicy.DEFAULT);

	private final ObservedLog log = new ObservedLog(this.memory);

	private final Chat chat = new Chat(this.log);

	TreeReaderTests() {
		this.memory.bootstrap();
		this.memory.createStream(ChatTree.CHAT);
	}

	@Test
	void walksTheRoomsThatExistWhenItFirstStarts() {
		this.chat.sayUpTo(this.chat.open(room("general")), 7);
		this.chat.sayUpTo(this.chat.open(room("general").child("lunch")), 4);
		ChatTree model = new ChatTree();
		TreeReader reader = TreeReader.builder(model, this.log, ChatTree.CHAT).clock(this.clock).build();

		int applied = reader.loadUntilRealtime();

		assertThat(model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
				Map.of("/chat/general", upTo(7), "/chat/general/lunch", upTo(4)));
		// general: started, 7 messages and the announcement of lunch; lunch: started and 4 messages
		assertThat(applied).isEqualTo(9 + 5);
		assertThat(model.cursor(room("general"))).isEqualTo(room("general").at(8));
		assertThat(model.storedPosition()).isPresent();
	}

	@Test
	void followsRoomsAndThreadsOpenedAfterItStartedEachMessageOnceInOrder() {
		ChatTree model = new ChatTree();
		TreeReader reader = TreeReader.builder(model, this.log, ChatTree.CHAT).clock(this.clock).build();
		reader.loadUntilRealtime();

		StreamName general = this.chat.open(room("general"));
		this.chat.sayUpTo(general, 2);
		this.clock.advance(Duration.ofSeconds(1));
		reader.loadUntilRealtime();
		StreamName lunch = this.chat.open(general.child("lunch"));
		StreamName dessert = this.chat.open(lunch.child("dessert"));
		this.chat.say(general, 3);
		this.chat.sayUpTo(lunch, 5);
		this.chat.sayUpTo(dessert, 2);
		this.clock.advance(Duration.ofSeconds(1));
		reader.loadUntilRealtime();
		this.clock.advance(Duration.ofSeconds(1));
		reader.loadUntilRealtime();

		assertThat(model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(Map.of("/chat/general", upTo(3),
				"/chat/general/lunch", upTo(5), "/chat/general/lunch/dessert", upTo(2)));
		// Every entry once, the rooms' starts and announcements included.
		assertThat(reader.stats().entriesProcessed()).isEqualTo(5 + 7 + 3);
	}

	@Test
	void nothingIsFedTwiceWhenTheSameRecordsAreReadAgainOverTheOverlap() {
		ChatTree model = new ChatTree();
		TreeReader reader = TreeReader.builder(model, this.log, ChatTree.CHAT).clock(this.clock).build();
		reader.loadUntilRealtime();
		this.chat.sayUpTo(this.chat.open(room("general")), 3);

		assertThat(reader.loadUntilRealtime()).isEqualTo(4);
		assertThat(reader.loadUntilRealtime()).isZero();
		assertThat(model.said()).containsExactly("/chat/general #1 message 1", "/chat/general #2 message 2",
				"/chat/general #3 message 3");
	}

	@Test
	void refusesAnEventLogThatKeepsNoChangeFeed() {
		ForwardingEventLog withoutFeed = new ForwardingEventLog(this.memory);

		assertThatExceptionOfType(NoChangeFeedException.class)
			.isThrownBy(() -> TreeReader.builder(new ChatTree(), withoutFeed, ChatTree.CHAT).build())
			.withMessageContaining(ForwardingEventLog.class.getName())
			.withMessageContaining("keeps no change feed");
	}

	@Test
	void refusesTheRootAsATree() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TreeReader.builder(new ChatTree(), this.log, StreamName.root()).build())
			.withMessageContaining("The root stream /");
	}

	@Test
	void refusesANegativeOverlap() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TreeReader.builder(new ChatTree(), this.log, ChatTree.CHAT).overlap(Duration.ofSeconds(-1)))
			.withMessage("overlap must not be negative, was PT-1S");
	}

	@Test
	void aTreeThatDoesNotExistYetIsFollowedOnceItIs() {
		StreamName support = StreamName.of("/support");
		SupportDesk model = new SupportDesk(support);
		TreeReader reader = TreeReader.builder(model, this.log, support).clock(this.clock).build();
		assertThat(reader.loadUntilRealtime()).isZero();

		this.log.createStream(support);
		this.chat.sayUpTo(this.chat.open(support.child("ticket-1")), 2);

		assertThat(reader.loadUntilRealtime()).isEqualTo(3);
		assertThat(List.copyOf(model.cursors().values())).containsExactly(support.child("ticket-1").at(2));
	}

	private static final class SupportDesk extends InMemoryTreeProcessor {

		SupportDesk(StreamName tree) {
			super(tree);
		}

		@Override
		public io.eventhorizon.event.EventTypes eventTypes() {
			return ChatTree.TYPES;
		}

		@Override
		protected void apply(StreamName stream, io.eventhorizon.event.Event event) {
		}

	}

}
