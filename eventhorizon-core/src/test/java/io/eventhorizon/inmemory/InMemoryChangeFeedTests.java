package io.eventhorizon.inmemory;

import java.time.Clock;

import io.eventhorizon.core.ChangeFeedContractTests;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;

/**
 * The in-memory event log's change feed holds the change feed contract.
 */
class InMemoryChangeFeedTests extends ChangeFeedContractTests {

	@Override
	protected EventLog newEventLog(Clock clock, int pageSize) {
		return new InMemoryEventLog(clock, pageSize, RetryPolicy.DEFAULT);
	}

}
