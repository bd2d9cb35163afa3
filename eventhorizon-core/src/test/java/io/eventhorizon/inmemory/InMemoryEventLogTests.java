package io.eventhorizon.inmemory;

import java.time.Clock;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.EventLogContractTests;
import io.eventhorizon.core.RetryPolicy;

/**
 * The in-memory event log holds the event log contract.
 */
class InMemoryEventLogTests extends EventLogContractTests {

	@Override
	protected EventLog newEventLog(Clock clock, int pageSize) {
		return new InMemoryEventLog(clock, pageSize, RetryPolicy.DEFAULT);
	}

}
