package io.eventhorizon.sample;

import io.eventhorizon.sample.AccountEvents.Closed;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.EventHandler;

/**
 * One account, in its own stream {@code /bank/accounts/<id>}: commands on different
 * accounts never conflict. Snapshotted every 100 entries.
 * <p>
 * Not thread-safe: {@code Aggregates} applies events and runs commands on it one at a time.
 */
@Aggregate(parent = "${bank.accounts:/bank/accounts}", snapshotPerspective = "bank-account:v1",
		snapshotEvery = 100)
class BankAccount {

	private String id = "";

	private String owner = "";

	private long balance;

	private boolean closed;

	@EventHandler
	void on(Opened opened) {
		this.id = opened.id();
		this.owner = opened.owner();
	}

	@EventHandler
	void on(Deposited deposited) {
		this.balance += deposited.amount();
	}

	@EventHandler
	void on(Withdrawn withdrawn) {
		this.balance -= withdrawn.amount();
	}

	@EventHandler
	void on(Closed closed) {
		this.closed = true;
	}

	@EventHandler
	void on(TransferDebited debited) {
		this.balance -= debited.amount();
	}

	@EventHandler
	void on(TransferCredited credited) {
		this.balance += credited.amount();
	}

	@EventHandler
	void on(TransferRefunded refunded) {
		this.balance += refunded.amount();
	}

	Account view() {
		return new Account(this.id, this.owner, this.balance, this.closed);
	}

	/**
	 * Returns the account as it would be after a change of its balance.
	 * @param amount the change in cents, negative to take money out
	 * @return the account after it
	 */
	Account viewAfter(long amount) {
		return new Account(this.id, this.owner, Math.addExact(this.balance, amount), this.closed);
	}

	/**
	 * Refuses a command that moves money when the account is closed, or would take more
	 * than its balance.
	 * @param amount the change in cents, negative to take money out
	 */
	void checkCanMove(long amount) {
		if (this.closed) {
			throw new AccountClosedException(this.id);
		}
		if (amount < 0 && this.balance < -amount) {
			throw new InsufficientFundsException(view(), -amount);
		}
	}

}
