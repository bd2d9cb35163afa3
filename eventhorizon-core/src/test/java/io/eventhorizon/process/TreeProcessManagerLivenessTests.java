package io.eventhorizon.process;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.tree.TreeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process manager of a tree whose handler keeps failing on one stream's entry (a target
 * that refuses the effect for good, a bug for one kind of event) must not stop the process
 * for every other stream of the tree: the entry is never skipped, but the other accounts'
 * transfers go on.
 */
class TreeProcessManagerLivenessTests {

	private static final StreamName ACCOUNTS = StreamName.of("/accounts");

	private static final EventLineCodec CODEC = new EventLineCodec(TransferRequested.TYPES);

	private final EventLog eventLog = new InMemoryEventLog();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	TreeProcessManagerLivenessTests() {
		this.eventLog.bootstrap();
		this.eventLog.createStream(ACCOUNTS);
	}

	@Test
	void anEntryThatKeepsFailingInOneStreamDoesNotHoldBackTheTransfersOfAnotherStream() {
		StreamName alice = open("alice");
		append(alice, new TransferRequested("t-1", "alice", "bob", 10));
		TreeProcessManager manager = TreeProcessManager.builder("transfers", ACCOUNTS, TransferRequested.TYPES,
				(source) -> {
					if (source.payload() instanceof TransferRequested requested) {
						if (requested.from().equals("alice")) {
							throw new IllegalStateException("Injected failure of every credit from alice");
						}
						this.handled.add(source.key("credit").value());
					}
				})
			.build();
		TreeReader reader = TreeReader.builder(manager, this.eventLog, manager.tree()).codec(CODEC).build();
		loadIgnoringFailure(reader);

		StreamName bob = open("bob");
		append(bob, new TransferRequested("t-2", "bob", "carl", 20));
		for (int poll = 0; poll < 3; poll++) {
			loadIgnoringFailure(reader);
		}

		assertThat(this.handled).containsExactly("transfers@/accounts/bob@1#0/credit");
		assertThat(manager.cursor(alice)).isEqualTo(alice.at(0));
	}

	private StreamName open(String account) {
		StreamName stream = ACCOUNTS.child(account);
		this.eventLog.createStream(stream);
		return stream;
	}

	private void append(StreamName stream, Object payload) {
		this.eventLog.append(stream, CODEC.encode(List.of(Event.of(payload, EventMeta.system(Instant.EPOCH)))));
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
