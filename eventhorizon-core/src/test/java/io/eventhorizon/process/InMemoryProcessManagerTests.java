package io.eventhorizon.process;

import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.ForwardingEventLog;
import org.jspecify.annotations.Nullable;

/**
 * The transfer process manager on the in-memory event log.
 */
class InMemoryProcessManagerTests extends ProcessManagerContractTests {

	private final AtomicReference<@Nullable StreamName> answerToLose = new AtomicReference<>();

	@Override
	protected EventLog newEventLog() {
		return new ForwardingEventLog(new InMemoryEventLog()) {

			@Override
			public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
				Cursor written = super.appendAfter(after, data, command);
				StreamName stream = after.stream();
				if (stream.equals(InMemoryProcessManagerTests.this.answerToLose.getAndUpdate(
						(armed) -> stream.equals(armed) ? null : armed))) {
					throw new AppendOutcomeUnknownException(written,
							new IllegalStateException("Simulated lost answer of the append to " + stream));
				}
				return written;
			}

		};
	}

	@Override
	protected SnapshotStore newSnapshotStore() {
		return new InMemorySnapshotStore();
	}

	@Override
	protected void loseTheAnswerOfTheNextAppendTo(StreamName stream) {
		this.answerToLose.set(stream);
	}

	@Override
	protected void heal() {
		this.answerToLose.set(null);
	}

}
