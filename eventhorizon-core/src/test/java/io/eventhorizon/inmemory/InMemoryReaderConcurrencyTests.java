package io.eventhorizon.inmemory;

import io.eventhorizon.client.ReaderConcurrencyContractTests;
import io.eventhorizon.core.EventLog;

/**
 * Readers on the in-memory event log, used from several threads.
 */
class InMemoryReaderConcurrencyTests extends ReaderConcurrencyContractTests {

	@Override
	protected EventLog newEventLog() {
		return new InMemoryEventLog();
	}

}
