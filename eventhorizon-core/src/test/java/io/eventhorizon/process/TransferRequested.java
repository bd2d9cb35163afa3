package io.eventhorizon.process;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * A transfer asked for in {@code /transfers}: the process manager debits {@code from} and
 * credits {@code to}.
 */
@EventType("transfer.Requested")
record TransferRequested(String id, String from, String to, long amount) {

	static final StreamName TRANSFERS = StreamName.of("/transfers");

	static final EventTypes TYPES = EventTypes.of(TransferRequested.class);

}
