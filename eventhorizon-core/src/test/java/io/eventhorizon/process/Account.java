package io.eventhorizon.process;

import io.eventhorizon.aggregate.AggregateCommand;
import io.eventhorizon.aggregate.AggregateType;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * A bank account as an aggregate below {@code /accounts}, debited and credited by the
 * transfer process.
 */
final class Account {

	static final StreamName ACCOUNTS = StreamName.of("/accounts");

	static final AggregateType<Account> TYPE = AggregateType.<Account>builder("account", ACCOUNTS)
		.eventTypes(EventTypes.of(Opened.class, Debited.class, Credited.class))
		.newState(Account::new)
		.eventHandler(Account::apply)
		.build();

	private long balance;

	long balance() {
		return this.balance;
	}

	private void apply(Event event) {
		if (event.payload() instanceof Opened opened) {
			this.balance = opened.balance();
		}
		else if (event.payload() instanceof Debited debited) {
			this.balance -= debited.amount();
		}
		else if (event.payload() instanceof Credited credited) {
			this.balance += credited.amount();
		}
	}

	static AggregateCommand<Account, Long> opening(long balance) {
		return (account, events) -> {
			events.append(new Opened(balance));
			return balance;
		};
	}

	static AggregateCommand<Account, Long> debit(String transfer, long amount) {
		return (account, events) -> {
			events.append(new Debited(transfer, amount));
			return account.balance() - amount;
		};
	}

	static AggregateCommand<Account, Long> credit(String transfer, long amount) {
		return (account, events) -> {
			events.append(new Credited(transfer, amount));
			return account.balance() + amount;
		};
	}

	@EventType("account.Opened")
	record Opened(long balance) {
	}

	@EventType("account.Debited")
	record Debited(String transfer, long amount) {
	}

	@EventType("account.Credited")
	record Credited(String transfer, long amount) {
	}

}
