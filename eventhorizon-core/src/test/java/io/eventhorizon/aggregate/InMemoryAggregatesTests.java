package io.eventhorizon.aggregate;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;

/**
 * Aggregates on the in-memory event log.
 */
class InMemoryAggregatesTests extends AggregatesContractTests {

	@Override
	protected EventLog newEventLog() {
		return new InMemoryEventLog();
	}

	@Override
	protected SnapshotStore newSnapshotStore() {
		return new InMemorySnapshotStore();
	}

}
