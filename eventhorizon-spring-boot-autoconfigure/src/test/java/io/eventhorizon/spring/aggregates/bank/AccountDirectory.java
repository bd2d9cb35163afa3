package io.eventhorizon.spring.aggregates.bank;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;

import org.springframework.stereotype.Component;

/**
 * Every account below /bank/accounts, with its owner and balance: a read model of the
 * accounts' tree, which finds accounts opened after the start too.
 */
@Component
@EventProcessor(tree = "${bank.accounts:/bank/accounts}")
public class AccountDirectory {

	private final Map<String, String> owners = new ConcurrentHashMap<>();

	private final Map<String, Long> balances = new ConcurrentHashMap<>();

	@EventHandler
	void on(Account.Opened opened, StreamName account) {
		this.owners.put(account.base(), opened.owner());
	}

	@EventHandler
	void on(Account.Deposited deposited, StreamName account) {
		this.balances.merge(account.base(), deposited.amount(), Long::sum);
	}

	public Map<String, String> owners() {
		return Map.copyOf(this.owners);
	}

	public long balance(String accountId) {
		return this.balances.getOrDefault(accountId, 0L);
	}

}
