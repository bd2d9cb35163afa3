package io.eventhorizon.sample;

import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * The bank's events. Amounts are whole numbers of cents.
 */
final class AccountEvents {

	static final EventTypes TYPES = EventTypes.of(Opened.class, Deposited.class, Withdrawn.class);

	private AccountEvents() {
	}

	@EventType("account.Opened")
	record Opened(String id, String owner) {
	}

	@EventType("account.Deposited")
	record Deposited(String id, long amount) {
	}

	@EventType("account.Withdrawn")
	record Withdrawn(String id, long amount) {
	}

}
