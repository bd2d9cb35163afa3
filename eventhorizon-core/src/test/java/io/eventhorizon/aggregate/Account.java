package io.eventhorizon.aggregate;

import java.nio.charset.StandardCharsets;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Opened;
import io.eventhorizon.testing.BankEvents.Withdrawn;

/**
 * A bank account as an aggregate, in its own stream below {@code /accounts}.
 */
final class Account {

	static final StreamName ACCOUNTS = StreamName.of("/accounts");

	private String owner;

	private long balance;

	static AggregateType<Account> type() {
		return builder().build();
	}

	static AggregateType<Account> snapshottedEvery(long entries) {
		return builder().snapshots(SnapshotPerspective.v1("account"), entries, new Format()).build();
	}

	private static AggregateType.Builder<Account> builder() {
		return AggregateType.<Account>builder("account", ACCOUNTS)
			.eventTypes(BankEvents.TYPES)
			.newState(Account::new)
			.eventHandler(Account::apply);
	}

	private void apply(Event event) {
		if (event.payload() instanceof Opened opened) {
			this.owner = opened.owner();
		}
		else if (event.payload() instanceof Deposited deposited) {
			this.balance += deposited.amount();
		}
		else if (event.payload() instanceof Withdrawn withdrawn) {
			this.balance -= withdrawn.amount();
		}
	}

	String owner() {
		return this.owner;
	}

	long balance() {
		return this.balance;
	}

	/** The state as "owner;balance". */
	static final class Format implements AggregateStateFormat<Account> {

		@Override
		public byte[] write(Account state) {
			return (state.owner + ";" + state.balance).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public Account read(byte[] data) {
			String[] fields = new String(data, StandardCharsets.UTF_8).split(";");
			Account account = new Account();
			account.owner = fields[0];
			account.balance = Long.parseLong(fields[1]);
			return account;
		}

	}

	static final class InsufficientFundsException extends RuntimeException {

		InsufficientFundsException(long balance, long amount) {
			super("Cannot withdraw " + amount + " from a balance of " + balance);
		}

	}

}
