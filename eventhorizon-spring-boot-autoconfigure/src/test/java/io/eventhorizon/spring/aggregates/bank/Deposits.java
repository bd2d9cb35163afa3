package io.eventhorizon.spring.aggregates.bank;

import io.eventhorizon.aggregate.Aggregates;

import org.springframework.stereotype.Service;

@Service
public class Deposits {

	private final Aggregates<Account> accounts;

	public Deposits(Aggregates<Account> accounts) {
		this.accounts = accounts;
	}

	public Long deposit(String accountId, long amount) {
		return this.accounts.execute(accountId, (account, events) -> {
			events.append(new Account.Deposited(amount));
			return account.balance() + amount;
		});
	}

}
