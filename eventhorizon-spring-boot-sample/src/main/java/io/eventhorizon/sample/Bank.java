package io.eventhorizon.sample;

import java.time.Instant;
import java.util.UUID;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferMade;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.TransactionalAppend;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The bank's commands: each validates against {@link Accounts} and appends one commit. On
 * a conflict with another writer (this instance or another), {@code @TransactionalAppend}
 * refreshes the accounts and runs the command again. Inside a command the accounts do not
 * show its own append yet; once it returns, they do.
 */
@Service
public class Bank {

	private final Accounts accounts;

	private final EventHorizonTemplate events;

	private final StreamName stream;

	Bank(Accounts accounts, EventHorizonTemplate events, @Value("${bank.stream:/bank}") String stream) {
		this.accounts = accounts;
		this.events = events;
		this.stream = StreamName.of(stream);
	}

	@TransactionalAppend(processors = "accounts")
	public String open(String owner, @Nullable String userId) {
		String id = "acc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		append(userId, new Opened(id, owner));
		return id;
	}

	@TransactionalAppend(processors = "accounts")
	public void deposit(String id, long amount, @Nullable String userId) {
		account(id);
		append(userId, new Deposited(id, amount));
	}

	@TransactionalAppend(processors = "accounts")
	public void withdraw(String id, long amount, @Nullable String userId) {
		Account account = account(id);
		if (account.balance() < amount) {
			throw new InsufficientFundsException(account, amount);
		}
		append(userId, new Withdrawn(id, amount));
	}

	@TransactionalAppend(processors = "accounts")
	public void transfer(String from, String to, long amount, @Nullable String userId) {
		Account source = account(from);
		account(to);
		if (source.balance() < amount) {
			throw new InsufficientFundsException(source, amount);
		}
		append(userId, new TransferMade(from, to, amount));
	}

	/**
	 * Returns an account as the read model has it.
	 * @param id the account's id
	 * @return the account
	 * @throws AccountNotFoundException if there is none
	 */
	public Account account(String id) {
		return this.accounts.find(id).orElseThrow(() -> new AccountNotFoundException(id));
	}

	private void append(@Nullable String userId, Object event) {
		EventMeta meta = (userId != null) ? EventMeta.of(Instant.now(), userId)
				: EventMeta.system(Instant.now());
		this.events.append(this.stream, meta, event);
	}

}
