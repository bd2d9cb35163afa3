package io.eventhorizon.sample;

import io.eventhorizon.event.EventType;

/**
 * The bank's events. Amounts are whole numbers of cents.
 */
final class AccountEvents {

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

	@EventType("account.TransferMade")
	record TransferMade(String from, String to, long amount) {
	}

}
