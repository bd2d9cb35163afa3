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
import io.eventhorizon.spring.IdempotencyKey;
import io.eventhorizon.spring.TransactionalAppend;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The bank's commands: each validates against {@link Accounts}, appends one commit and
 * returns the account as the commit leaves it. On a conflict with another writer (this
 * instance or another), {@code @TransactionalAppend} refreshes the accounts and runs the
 * command again. Inside a command the accounts do not show its own append yet; once it
 * returns, they do. A command sent again with the same idempotency key (on any instance,
 * after restarts) is not applied again: it returns the account as the first one left it.
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
	public Account open(String owner, @Nullable String userId, @IdempotencyKey @Nullable String key) {
		String id = "acc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		append(userId, new Opened(id, owner));
		return new Account(id, owner, 0);
	}

	@TransactionalAppend(processors = "accounts")
	public Account deposit(String id, long amount, @Nullable String userId, @IdempotencyKey @Nullable String key) {
		Account account = account(id);
		append(userId, new Deposited(id, amount));
		return account.plus(amount);
	}

	@TransactionalAppend(processors = "accounts")
	public Account withdraw(String id, long amount, @Nullable String userId, @IdempotencyKey @Nullable String key) {
		Account account = account(id);
		if (account.balance() < amount) {
			throw new InsufficientFundsException(account, amount);
		}
		append(userId, new Withdrawn(id, amount));
		return account.plus(-amount);
	}

	@TransactionalAppend(processors = "accounts")
	public Account transfer(String from, String to, long amount, @Nullable String userId,
			@IdempotencyKey @Nullable String key) {
		Account source = account(from);
		account(to);
		if (source.balance() < amount) {
			throw new InsufficientFundsException(source, amount);
		}
		append(userId, new TransferMade(from, to, amount));
		return source.plus(-amount);
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
