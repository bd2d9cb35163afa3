package io.eventhorizon.spring.aggregates.bank;

import io.eventhorizon.event.EventType;
import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.EventHandler;

/**
 * A bank account, snapshotted every two entries.
 */
@Aggregate(parent = "${bank.accounts:/bank/accounts}", snapshotPerspective = "account:v1", snapshotEvery = 2)
public class Account {

	private String owner;

	private long balance;

	@EventHandler
	void on(Opened opened) {
		this.owner = opened.owner();
	}

	@EventHandler
	void on(Deposited deposited) {
		this.balance += deposited.amount();
	}

	public String owner() {
		return this.owner;
	}

	public long balance() {
		return this.balance;
	}

	@EventType("account.Opened")
	public record Opened(String owner) {
	}

	@EventType("account.Deposited")
	public record Deposited(long amount) {
	}

}
