package io.eventhorizon.sample;

import io.eventhorizon.event.EventType;

/**
 * The events of an account, each in the account's own stream {@code /bank/accounts/<id>}.
 * Amounts are whole numbers of cents.
 */
final class AccountEvents {

	private AccountEvents() {
	}

	@EventType("account.Opened")
	record Opened(String id, String owner) {
	}

	@EventType("account.Deposited")
	record Deposited(long amount) {
	}

	@EventType("account.Withdrawn")
	record Withdrawn(long amount) {
	}

	@EventType("account.Closed")
	record Closed() {
	}

	/**
	 * The account was debited for a transfer; the transfer process credits the target or
	 * refunds this account.
	 */
	@EventType("account.TransferDebited")
	record TransferDebited(String transferId, String to, long amount) {
	}

	@EventType("account.TransferCredited")
	record TransferCredited(String transferId, String from, long amount) {
	}

	/**
	 * A transfer debited from this account could not be credited, so it came back.
	 */
	@EventType("account.TransferRefunded")
	record TransferRefunded(String transferId, long amount) {
	}

}
