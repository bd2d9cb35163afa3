package io.eventhorizon.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Withdrawn;

/**
 * The balance of one account, and every change in order.
 */
class BankAccount extends InMemoryProcessor {

	private volatile long balance;

	private volatile long lowestBalance;

	private final List<String> history = new CopyOnWriteArrayList<>();

	BankAccount(StreamName stream) {
		super(stream);
	}

	@Override
	public EventTypes eventTypes() {
		return BankEvents.TYPES;
	}

	@Override
	protected void apply(Event event) {
		if (event.payload() instanceof Deposited deposited) {
			change(deposited.amount(), "+" + deposited.amount() + " by " + deposited.id());
		}
		else if (event.payload() instanceof Withdrawn withdrawn) {
			change(-withdrawn.amount(), "-" + withdrawn.amount() + " by " + withdrawn.id());
		}
	}

	private void change(long amount, String description) {
		this.balance += amount;
		this.lowestBalance = Math.min(this.lowestBalance, this.balance);
		this.history.add(description);
	}

	long balance() {
		return this.balance;
	}

	long lowestBalance() {
		return this.lowestBalance;
	}

	List<String> history() {
		return List.copyOf(this.history);
	}

}
