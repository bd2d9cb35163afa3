package io.eventhorizon.inmemory;

import io.eventhorizon.client.CommandContractTests;
import io.eventhorizon.core.EventLog;

/**
 * Commands on the in-memory event log.
 */
class InMemoryCommandTests extends CommandContractTests {

	@Override
	protected EventLog newEventLog() {
		return new InMemoryEventLog();
	}

}
