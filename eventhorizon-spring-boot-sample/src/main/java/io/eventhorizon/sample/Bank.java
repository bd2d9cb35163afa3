package io.eventhorizon.sample;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

import io.eventhorizon.aggregate.AggregateCommand;
import io.eventhorizon.aggregate.AggregateEvents;
import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.sample.AccountEvents.Closed;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.sample.TransferEvents.TransferRequested;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The bank's commands. Each account is an aggregate in its own stream: a command loads
 * it, validates, and appends one entry right after the version it validated at; on a
 * conflict with another writer (this instance or another) it reloads and runs again. So
 * commands on different accounts never conflict, and every answer is the account as the
 * command left it. A command sent again with the same idempotency key (on any instance,
 * after restarts) is not applied again: it answers as the first one did. Keys are kept
 * per account: a key is looked up among the newest entries of the account it names.
 * <p>
 * A transfer debits its source here, synchronously (so that an overdraft is refused in the
 * answer), then records the transfer in its own stream {@code /bank/transfers/<id>}, so that
 * its {@code Location} resolves at once; the {@link TransferProcess}, following the debit,
 * credits the target or refunds the source (and records the transfer if this instance died
 * before it could).
 * <p>
 * Thread-safe.
 */
@Service
public class Bank {

	private final Aggregates<BankAccount> accounts;

	private final Aggregates<BankTransfer> transfers;

	private final TransferProcess process;

	Bank(Aggregates<BankAccount> accounts, Aggregates<BankTransfer> transfers, TransferProcess process) {
		this.accounts = accounts;
		this.transfers = transfers;
		this.process = process;
	}

	/**
	 * Opens an account in a stream of its own.
	 * @param owner who owns it
	 * @param userId the user who asked, or {@code null}
	 * @param key the idempotency key, or {@code null}: a repeat answers with the same account
	 * @return the new account
	 */
	public Account open(String owner, @Nullable String userId, @Nullable String key) {
		IdempotencyKey idempotencyKey = keyOf(key);
		// A repeat must land in the same stream to find its key, so a keyed id comes from the key.
		String id = newId("acc-", idempotencyKey, "");
		AggregateCommand<BankAccount, Account> open = (account, events) -> {
			append(events, userId, new Opened(id, owner));
			return new Account(id, owner, 0, false);
		};
		return (idempotencyKey != null) ? this.accounts.create(id, idempotencyKey, Account.class, open)
				: this.accounts.create(id, open);
	}

	/**
	 * Deposits into an open account.
	 * @param id the account's id
	 * @param amount the amount in cents
	 * @param userId the user who asked, or {@code null}
	 * @param key the idempotency key, or {@code null}
	 * @return the account as the deposit left it
	 */
	public Account deposit(String id, long amount, @Nullable String userId, @Nullable String key) {
		return onAccount(id, keyOf(key), (account, events) -> {
			account.checkCanMove(amount);
			append(events, userId, new Deposited(amount));
			return account.viewAfter(amount);
		});
	}

	/**
	 * Withdraws from an open account, never below zero.
	 * @param id the account's id
	 * @param amount the amount in cents
	 * @param userId the user who asked, or {@code null}
	 * @param key the idempotency key, or {@code null}
	 * @return the account as the withdrawal left it
	 * @throws InsufficientFundsException if the balance is smaller than the amount
	 */
	public Account withdraw(String id, long amount, @Nullable String userId, @Nullable String key) {
		return onAccount(id, keyOf(key), (account, events) -> {
			account.checkCanMove(-amount);
			append(events, userId, new Withdrawn(amount));
			return account.viewAfter(-amount);
		});
	}

	/**
	 * Closes an empty account: it takes no more deposits, withdrawals or transfers, and
	 * transfers to it are refunded.
	 * @param id the account's id
	 * @param userId the user who asked, or {@code null}
	 * @param key the idempotency key, or {@code null}
	 * @return the closed account
	 * @throws AccountNotEmptyException if it still holds money
	 */
	public Account close(String id, @Nullable String userId, @Nullable String key) {
		return onAccount(id, keyOf(key), (account, events) -> {
			account.checkCanMove(0);
			if (account.view().balance() != 0) {
				throw new AccountNotEmptyException(account.view());
			}
			append(events, userId, new Closed());
			Account closed = account.view();
			return new Account(closed.id(), closed.owner(), closed.balance(), true);
		});
	}

	/**
	 * Starts a transfer: debits the source now, then records the transfer, which the
	 * {@link TransferProcess} completes or refunds.
	 * @param from the source account's id
	 * @param to the target account's id; an unknown or closed one gets the money refunded
	 * @param amount the amount in cents
	 * @param userId the user who asked, or {@code null}
	 * @param key the idempotency key, or {@code null}: a repeat from the same source debits
	 * once and answers with the same transfer; the key sent from another source is another
	 * transfer
	 * @return the transfer, pending
	 * @throws InsufficientFundsException if the source's balance is smaller than the amount
	 */
	public Transfer transfer(String from, String to, long amount, @Nullable String userId, @Nullable String key) {
		// A key is the caller's for one source account, as a deposit's is: the same key sent
		// from another account is another transfer, whose debit the process must finish too.
		String id = newId("tr-", keyOf(key), from);
		// Keyed by the transfer: a repeat of a request whose answer was lost debits once.
		onAccount(from, IdempotencyKey.of("transfer-" + id + "/debit"), (account, events) -> {
			account.checkCanMove(-amount);
			append(events, userId, new TransferDebited(id, to, amount));
			return account.viewAfter(-amount);
		});
		return this.process.record(new TransferRequested(id, from, to, amount), userId);
	}

	/**
	 * Returns an account as its stream has it now, written by this instance or another.
	 * @param id the account's id
	 * @return the account
	 * @throws AccountNotFoundException if there is none
	 */
	public Account account(String id) {
		return accountOrNotFound(id, () -> this.accounts.query(id, BankAccount::view));
	}

	/**
	 * Returns a transfer as its stream has it now.
	 * @param id the transfer's id
	 * @return the transfer
	 * @throws TransferNotFoundException if there is none
	 */
	public Transfer transfer(String id) {
		try {
			return this.transfers.query(id, BankTransfer::view);
		}
		catch (StreamNotFoundException | InvalidStreamNameException ex) {
			throw new TransferNotFoundException(id);
		}
	}

	private Account onAccount(String id, @Nullable IdempotencyKey key, AggregateCommand<BankAccount, Account> command) {
		return accountOrNotFound(id, () -> (key != null) ? this.accounts.execute(id, key, Account.class, command)
				: this.accounts.execute(id, command));
	}

	private static <T> T accountOrNotFound(String id, Supplier<@Nullable T> action) {
		try {
			T result = action.get();
			if (result == null) {
				throw new IllegalStateException("The command on account \"" + id + "\" returned nothing");
			}
			return result;
		}
		catch (StreamNotFoundException | InvalidStreamNameException ex) {
			throw new AccountNotFoundException(id);
		}
	}

	static void append(AggregateEvents events, @Nullable String userId, Object event) {
		if (userId != null) {
			events.append(event, userId);
		}
		else {
			events.append(event);
		}
	}

	private static @Nullable IdempotencyKey keyOf(@Nullable String key) {
		return (key != null) ? IdempotencyKey.of(key) : null;
	}

	private static String newId(String prefix, @Nullable IdempotencyKey key, String scope) {
		// The scope's length keeps scope "a" with key "bc" apart from scope "ab" with key "c";
		// an empty scope leaves the ids of keyed accounts as they always were.
		String name = prefix + (scope.isEmpty() ? "" : scope.length() + ":" + scope)
				+ ((key != null) ? key.value() : "");
		UUID id = (key != null) ? UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) : UUID.randomUUID();
		return prefix + id.toString().replace("-", "").substring(0, 16);
	}

}
