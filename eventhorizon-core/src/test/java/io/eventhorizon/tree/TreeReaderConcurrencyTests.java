package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.Latches;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two read models of the chat, each with its own tree reader, poll while two writers talk
 * in their own rooms and open new ones; one reader is stopped in the middle of its poll
 * while the writers go on.
 */
class TreeReaderConcurrencyTests {

	private static final int MESSAGES = 20;

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final InMemoryEventLog memory = new InMemoryEventLog(this.clock, 7, RetryPolicy.DEFAULT);

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void twoReadersOfOneLogEachSeeEveryMessageExactlyOnceWhileTwoWritersTalk() throws Exception {
		this.memory.bootstrap();
		this.memory.createStream(ChatTree.CHAT);
		ObservedLog logOfA = new ObservedLog(this.memory);
		ObservedLog logOfB = new ObservedLog(this.memory);
		ChatTree modelA = new ChatTree();
		ChatTree modelB = new ChatTree();
		TreeReader readerA = TreeReader.builder(modelA, logOfA, ChatTree.CHAT).clock(this.clock).build();
		TreeReader readerB = TreeReader.builder(modelB, logOfB, ChatTree.CHAT).clock(this.clock).build();
		readerA.loadUntilRealtime();
		readerB.loadUntilRealtime();
		CyclicBarrier start = new CyclicBarrier(4);
		CountDownLatch halfSaid = new CountDownLatch(2);
		CountDownLatch readerAInTheMiddle = new CountDownLatch(1);
		CountDownLatch restSaid = new CountDownLatch(2);
		CountDownLatch writersDone = new CountDownLatch(2);
		// Reader A stops in the middle of its first poll after half was said (before reading
		// partition 8), until the rest is said.
		logOfA.feed().beforeRead((query) -> {
			if (query.partition() == 8 && halfSaid.getCount() == 0 && readerAInTheMiddle.getCount() == 1) {
				readerAInTheMiddle.countDown();
				Latches.await(restSaid);
			}
		});
		Map<String, List<Integer>> expected = new HashMap<>();
		for (String writer : List.of("ann", "bob")) {
			expected.put(room(writer).toString(), upTo(MESSAGES));
			expected.put(room(writer).child("thread").toString(), upTo(MESSAGES));
		}
		List<Future<?>> work = List.of(
				this.threads.submit(() -> write("ann", start, halfSaid, readerAInTheMiddle, restSaid, writersDone)),
				this.threads.submit(() -> write("bob", start, halfSaid, readerAInTheMiddle, restSaid, writersDone)),
				this.threads.submit(() -> read(readerA, start, writersDone)),
				this.threads.submit(() -> read(readerB, start, writersDone)));
		for (Future<?> done : work) {
			done.get();
		}
		readerA.loadUntilRealtime();
		readerB.loadUntilRealtime();

		assertThat(modelA.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(modelB.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(readerA.stats().entriesProcessed()).isEqualTo(readerB.stats().entriesProcessed());
	}

	private void write(String writer, CyclicBarrier start, CountDownLatch halfSaid, CountDownLatch readerInTheMiddle,
			CountDownLatch restSaid, CountDownLatch done) {
		Chat chat = new Chat(this.memory);
		await(start);
		chat.talkInOwnRoomAndThread(writer, MESSAGES, halfSaid, readerInTheMiddle,
				() -> this.clock.advance(Duration.ofSeconds(1)));
		restSaid.countDown();
		done.countDown();
	}

	private void read(TreeReader reader, CyclicBarrier start, CountDownLatch writersDone) {
		await(start);
		while (writersDone.getCount() > 0) {
			reader.loadUntilRealtime();
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
