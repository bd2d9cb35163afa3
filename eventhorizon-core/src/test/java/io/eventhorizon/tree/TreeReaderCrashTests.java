package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.tree.Chat.room;
import static io.eventhorizon.tree.Chat.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chat's read model crashes: in the middle of an entry, and by losing everything (the
 * process dies) and coming back from its snapshot.
 */
class TreeReaderCrashTests {

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final InMemoryEventLog memory = new InMemoryEventLog(this.clock, 100, RetryPolicy.DEFAULT);

	private final ObservedLog log = new ObservedLog(this.memory);

	private final Chat chat = new Chat(this.log);

	private final StreamName general = room("general");

	private final StreamName random = room("random");

	@BeforeEach
	void openTheChat() {
		this.memory.bootstrap();
		this.memory.createStream(ChatTree.CHAT);
		this.chat.open(this.general);
		this.chat.open(this.random);
	}

	@Test
	void aModelThatFailsInTheMiddleOfAnEntryIsResetAndLoadedAgainWithoutItThenTakesItWhole() {
		FragileChatTree model = new FragileChatTree();
		TreeReader reader = TreeReader.builder(model, this.log, ChatTree.CHAT).clock(this.clock).build();
		this.chat.sayUpTo(this.general, 3);
		this.chat.sayUpTo(this.random, 2);
		poll(reader);
		this.chat.sayTwoAtOnce(this.general, 4, "boom");
		this.chat.say(this.random, 3);

		assertThatIllegalStateException().isThrownBy(() -> poll(reader)).withMessage("boom");
		assertThat(model.numbersByRoom()).containsEntry(this.general.toString(), upTo(3));
		assertThat(model.said()).noneMatch((line) -> line.contains("#4"));

		model.mended = true;
		poll(reader);

		assertThat(model.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(
				Map.of(this.general.toString(), upTo(5), this.random.toString(), upTo(3)));
	}

	@Test
	void aRestartFromTheSnapshotAppliesNothingTwiceMissesNothingAndDoesNotWalkTheTree() {
		InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
		ChatTree before = new ChatTree(ChatTree.PERSPECTIVE);
		TreeReader first = snapshotting(before, snapshots);
		this.chat.sayUpTo(this.general, 3);
		this.chat.sayUpTo(this.random, 2);
		poll(first);
		this.chat.say(this.general, 4);
		StreamName lunch = this.chat.open(this.general.child("lunch"));
		this.chat.sayUpTo(lunch, 2);
		int readsOfTheChatBefore = this.log.reads(ChatTree.CHAT);
		int readsOfRandomBefore = this.log.reads(this.random);

		ChatTree after = new ChatTree(ChatTree.PERSPECTIVE);
		TreeReader restarted = snapshotting(after, snapshots);
		poll(restarted);

		assertThat(after.numbersByRoom()).containsExactlyInAnyOrderEntriesOf(Map.of(this.general.toString(),
				upTo(4), this.random.toString(), upTo(2), lunch.toString(), upTo(2)));
		assertThat(restarted.stats().snapshotsInstalled()).isOne();
		assertThat(this.log.reads(ChatTree.CHAT)).isEqualTo(readsOfTheChatBefore);
		assertThat(this.log.reads(this.random)).isEqualTo(readsOfRandomBefore);
	}

	@Test
	void aReaderTellsTheNewestSnapshotItStoredAndARestartTheOneItInstalled() {
		InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
		TreeReader first = snapshotting(new ChatTree(ChatTree.PERSPECTIVE), snapshots);
		assertThat(first.storedSnapshotCursor()).isEmpty();
		this.chat.sayUpTo(this.general, 3);
		poll(first);

		// The rooms' @0 and three messages: five entries across the tree.
		assertThat(first.storedSnapshotCursor()).contains(ChatTree.CHAT.at(5));
		TreeReader restarted = snapshotting(new ChatTree(ChatTree.PERSPECTIVE), snapshots);
		poll(restarted);
		assertThat(restarted.stats().snapshotsInstalled()).isOne();
		assertThat(restarted.storedSnapshotCursor()).contains(ChatTree.CHAT.at(5));
	}

	private TreeReader snapshotting(ChatTree model, InMemorySnapshotStore snapshots) {
		return TreeReader.builder(model, this.log, ChatTree.CHAT)
			.clock(this.clock)
			.snapshotStore(snapshots)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.build();
	}

	private void poll(TreeReader reader) {
		this.clock.advance(Duration.ofSeconds(1));
		reader.loadUntilRealtime();
	}

}
