package io.eventhorizon.inmemory;

import io.eventhorizon.core.SnapshotSizeLimit;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.SnapshotStoreContractTests;

/**
 * The in-memory snapshot store holds the snapshot store contract.
 */
class InMemorySnapshotStoreTests extends SnapshotStoreContractTests {

	@Override
	protected SnapshotStore newSnapshotStore(SnapshotSizeLimit sizeLimit) {
		return new InMemorySnapshotStore(sizeLimit);
	}

}
