package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.ForwardingEventLog;
import io.eventhorizon.testing.Latches;
import io.eventhorizon.testing.SettableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A poll reads the feed's partitions and the rooms that moved at the same time, yet feeds
 * the read model on the polling thread, one entry at a time, each room in order. Two reads
 * are made to wait for each other: a reader that read one after the other would time out.
 */
class TreeReaderReadConcurrencyTests {

	private static final int MESSAGES = 10;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	// Pages of 7 entries: each room's first page is read ahead, its second on the polling thread.
	private final InMemoryEventLog memory = new InMemoryEventLog(this.clock, 7, RetryPolicy.DEFAULT);

	private final Chat chat = new Chat(this.memory);

	private final GatedLog log = new GatedLog(new ObservedLog(this.memory));

	private final WatchedChatTree model = new WatchedChatTree();

	private StreamName ann;

	private StreamName bob;

	@BeforeEach
	void openTwoRoomsInTwoPartitions() {
		this.memory.bootstrap();
		this.memory.createStream(ChatTree.CHAT);
		this.ann = this.chat.open(room("ann"));
		this.bob = this.chat.open(roomInAnotherPartitionThan(this.ann));
	}

	@Test
	void twoRoomsReadAtOnceAreFedOnThePollingThreadOneEntryAtATimeEachInOrder() {
		TreeReader reader = readerAfterItsFirstLoad();
		this.chat.sayUpTo(this.ann, MESSAGES);
		this.chat.sayUpTo(this.bob, MESSAGES);
		this.clock.advance(Duration.ofSeconds(1));
		// Neither room's first read returns before the other's has started.
		this.log.meetWhenReading(this.ann.at(0), this.bob.at(0));

		int applied = reader.loadUntilRealtime();

		assertThat(applied).isEqualTo(2 * MESSAGES);
		assertThat(this.model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
				Map.of(this.ann.toString(), upTo(MESSAGES), this.bob.toString(), upTo(MESSAGES)));
		assertThat(this.model.mostAtOnce()).as("events applied at once").isEqualTo(1);
		assertThat(this.model.threads()).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void twoFeedPartitionsAreReadAtOnce() {
		TreeReader reader = readerAfterItsFirstLoad();
		this.chat.say(this.ann, 1);
		this.chat.say(this.bob, 1);
		this.clock.advance(Duration.ofSeconds(1));
		// Neither partition's read returns before the other's has started.
		CyclicBarrier bothPartitions = new CyclicBarrier(2);
		this.log.feed()
			.beforeRead((query) -> {
				if (query.partition() == ChangeFeed.partitionOf(this.ann)
						|| query.partition() == ChangeFeed.partitionOf(this.bob)) {
					Latches.await(bothPartitions);
				}
			});

		int applied = reader.loadUntilRealtime();

		assertThat(applied).isEqualTo(2);
		assertThat(this.model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
				Map.of(this.ann.toString(), List.of(1), this.bob.toString(), List.of(1)));
	}

	@Test
	void aClosedReaderStillLoadsReadingOnThePollingThread() {
		TreeReader reader = readerAfterItsFirstLoad();
		this.chat.sayUpTo(this.ann, MESSAGES);
		this.chat.sayUpTo(this.bob, MESSAGES);
		this.clock.advance(Duration.ofSeconds(1));

		reader.close();
		this.log.forgetReadingThreads();
		int applied = reader.loadUntilRealtime();

		assertThat(applied).isEqualTo(2 * MESSAGES);
		assertThat(this.log.readingThreads()).containsExactly(Thread.currentThread().getName());
		assertThat(this.model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
				Map.of(this.ann.toString(), upTo(MESSAGES), this.bob.toString(), upTo(MESSAGES)));
	}

	@Test
	void aReadConcurrencyOfOneReadsEverythingOnThePollingThread() {
		TreeReader reader = TreeReader.builder(this.model, this.log, ChatTree.CHAT)
			.clock(this.clock)
			.readConcurrency(1)
			.build();
		reader.loadUntilRealtime();
		this.chat.sayUpTo(this.ann, MESSAGES);
		this.clock.advance(Duration.ofSeconds(1));

		this.log.forgetReadingThreads();
		reader.loadUntilRealtime();

		assertThat(this.log.readingThreads()).containsExactly(Thread.currentThread().getName());
		assertThat(this.model.numbersByRoom()).containsExactly(Map.entry(this.ann.toString(), upTo(MESSAGES)));
	}

	@Test
	void aReadConcurrencyBelowOneIsRefusedNamingIt() {
		TreeReader.Builder builder = TreeReader.builder(this.model, this.log, ChatTree.CHAT);

		assertThatIllegalArgumentException().isThrownBy(() -> builder.readConcurrency(0))
			.withMessage("readConcurrency must be at least 1, was 0");
	}

	private TreeReader readerAfterItsFirstLoad() {
		TreeReader reader = TreeReader.builder(this.model, this.log, ChatTree.CHAT).clock(this.clock).build();
		reader.loadUntilRealtime();
		return reader;
	}

	private static StreamName roomInAnotherPartitionThan(StreamName other) {
		for (int index = 0;; index++) {
			StreamName candidate = room("bob-" + index);
			if (ChangeFeed.partitionOf(candidate) != ChangeFeed.partitionOf(other)) {
				return candidate;
			}
		}
	}

	/**
	 * An event log whose reads of two given cursors wait for each other; it notes the
	 * threads that read streams. Thread-safe.
	 */
	private static final class GatedLog extends ForwardingEventLog {

		private final ObservedLog observed;

		private final Set<String> readingThreads = ConcurrentHashMap.newKeySet();

		private volatile Set<Cursor> gated = Set.of();

		private volatile @Nullable CyclicBarrier barrier;

		GatedLog(ObservedLog observed) {
			super(observed);
			this.observed = observed;
		}

		void meetWhenReading(Cursor one, Cursor other) {
			this.gated = Set.of(one, other);
			this.barrier = new CyclicBarrier(2);
		}

		ControlledFeed feed() {
			return this.observed.feed();
		}

		void forgetReadingThreads() {
			this.readingThreads.clear();
		}

		Set<String> readingThreads() {
			return Set.copyOf(this.readingThreads);
		}

		@Override
		public ReadResult read(Cursor after) {
			this.readingThreads.add(Thread.currentThread().getName());
			CyclicBarrier barrier = this.barrier;
			if (barrier != null && this.gated.contains(after)) {
				Latches.await(barrier);
			}
			return super.read(after);
		}

		@Override
		public Optional<ChangeFeed> changeFeed() {
			return this.observed.changeFeed();
		}

	}

	/**
	 * The chat's read model, noting how many events it applied at once and on which threads.
	 */
	private static final class WatchedChatTree extends ChatTree {

		private final AtomicInteger applying = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Override
		protected void apply(StreamName stream, Event event) {
			this.mostAtOnce.accumulateAndGet(this.applying.incrementAndGet(), Math::max);
			this.threads.add(Thread.currentThread().getName());
			try {
				super.apply(stream, event);
			}
			finally {
				this.applying.decrementAndGet();
			}
		}

		int mostAtOnce() {
			return this.mostAtOnce.get();
		}

		Set<String> threads() {
			return Set.copyOf(this.threads);
		}

	}

}
