package io.eventhorizon.process;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.process.example.TransferFollower;
import io.eventhorizon.tree.TreeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A process manager of a tree: every event of every stream below the parent, including
 * streams created later, handled with the key of its place, and a failing entry handled
 * again, never skipped.
 */
class TreeProcessManagerTests {

	private static final StreamName ACCOUNTS = StreamName.of("/accounts");

	private static final EventLineCodec CODEC = new EventLineCodec(TransferRequested.TYPES);

	private final EventLog eventLog = new InMemoryEventLog();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	TreeProcessManagerTests() {
		this.eventLog.bootstrap();
		this.eventLog.createStream(ACCOUNTS);
	}

	@Test
	void everyEventBelowTheTreeIsHandledWithTheKeyOfItsPlace() {
		StreamName alice = open("alice");
		append(alice, new TransferRequested("t-1", "alice", "bob", 10));
		TreeProcessManager manager = manager((source) -> this.handled.add(source.key("credit").value()));
		TreeReader reader = TreeReader.builder(manager, this.eventLog, manager.tree()).codec(CODEC).build();
		reader.loadUntilRealtime();
		StreamName bob = open("bob");
		append(bob, new TransferRequested("t-2", "bob", "alice", 20), new TransferRequested("t-3", "bob", "carl", 30));

		reader.loadUntilRealtime();

		assertThat(this.handled).containsExactly("transfers@/accounts/alice@1#0/credit",
				"transfers@/accounts/bob@1#0/credit", "transfers@/accounts/bob@1#1/credit");
		assertThat(manager.cursor(bob)).isEqualTo(bob.at(1));
	}

	@Test
	void aFailingEntryStaysBeforeItsStreamsCursorAndIsHandledAgainNotSkipped() {
		StreamName alice = open("alice");
		append(alice, new TransferRequested("t-1", "alice", "bob", 10));
		AtomicBoolean failOnce = new AtomicBoolean(true);
		TreeProcessManager manager = manager((source) -> {
			this.handled.add(source.key("credit").value());
			if (failOnce.getAndSet(false)) {
				throw new IllegalStateException("Injected failure of the credit");
			}
		});
		TreeReader reader = TreeReader.builder(manager, this.eventLog, manager.tree()).codec(CODEC).build();

		loadIgnoringFailure(reader);
		assertThat(manager.cursor(alice)).isEqualTo(alice.at(0));
		reader.loadUntilRealtime();

		assertThat(this.handled).containsExactly("transfers@/accounts/alice@1#0/credit",
				"transfers@/accounts/alice@1#0/credit");
		assertThat(manager.cursor(alice)).isEqualTo(alice.at(1));
		assertThat(manager.rollsBackOnFailure()).isTrue();
		assertThat(manager.allowsSkippingPoisonedEntries()).isFalse();
	}

	@Test
	void aResetManagerWalksTheTreeAgain() {
		StreamName alice = open("alice");
		append(alice, new TransferRequested("t-1", "alice", "bob", 10));
		TreeProcessManager manager = manager((source) -> this.handled.add(source.key("credit").value()));
		TreeReader reader = TreeReader.builder(manager, this.eventLog, manager.tree()).codec(CODEC).build();
		reader.loadUntilRealtime();

		reader.rebuild(false);

		assertThat(this.handled).containsExactly("transfers@/accounts/alice@1#0/credit",
				"transfers@/accounts/alice@1#0/credit");
	}

	@Test
	void theRootOrABlankNameIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TreeProcessManager.builder("transfers", StreamName.of("/"), TransferRequested.TYPES,
					(source) -> {
					}))
			.withMessageContaining("the root");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TreeProcessManager.builder(" ", ACCOUNTS, TransferRequested.TYPES, (source) -> {
			}))
			.withMessageContaining("' '");
	}

	@Test
	void theDocumentationsExampleBuildsAReaderOfTheAccounts() {
		assertThat(TransferFollower.follow(this.eventLog).tree()).isEqualTo(StreamName.of("/bank/accounts"));
	}

	// Each stream's @0 ($stream.Started) is handed over too; the handler looks at transfers only.
	private TreeProcessManager manager(ProcessHandler handler) {
		return TreeProcessManager.builder("transfers", ACCOUNTS, TransferRequested.TYPES, (source) -> {
			if (source.payload() instanceof TransferRequested) {
				handler.handle(source);
			}
		}).build();
	}

	private StreamName open(String account) {
		StreamName stream = ACCOUNTS.child(account);
		this.eventLog.createStream(stream);
		return stream;
	}

	private void append(StreamName stream, Object... payloads) {
		this.eventLog.append(stream, CODEC.encode(List.of(payloads)
			.stream()
			.map((payload) -> Event.of(payload, EventMeta.system(Instant.EPOCH)))
			.toList()));
	}

	private static void loadIgnoringFailure(TreeReader reader) {
		try {
			reader.loadUntilRealtime();
		}
		catch (RuntimeException ex) {
			// The reader reports the failure; the entry stays to be handled again.
		}
	}

}
