package io.eventhorizon.spring.aggregates.badparent;

import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.aggregates.bank.Account.Deposited;

/**
 * An aggregate declared wrongly: its parent is not a stream name.
 */
@Aggregate(parent = "/bank/../accounts")
public class BadParentAccount {

	long balance;

	@EventHandler
	void on(Deposited deposited) {
		this.balance += deposited.amount();
	}

}
