package io.eventhorizon.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.sample.AccountEvents.Closed;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.SnapshotState;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Every account with its owner, balance and closed flag, on every instance: a read model of
 * the tree {@code /bank/accounts}, fed the events of each account's own stream, so listing
 * the accounts reads no account stream. Kept in memory, restored from snapshots (which hold
 * each account stream's cursor too), rebuildable through {@code /actuator/eventhorizon}.
 * <p>
 * It lags the accounts' streams a little; a command's answer and {@code GET /accounts/<id>}
 * read the account's own stream instead.
 * <p>
 * Thread-safe: the synchronizer updates it from one thread while requests read it.
 */
@Component(AccountDirectory.NAME)
@EventProcessor(tree = "${bank.accounts:/bank/accounts}", snapshotPerspective = "bank-accounts:v3")
class AccountDirectory implements SnapshotState, ResettableState {

	/** The processor's name, as {@code /actuator/eventhorizon} shows it. */
	static final String NAME = "accounts";

	private static final TypeReference<List<Account>> STATE = new TypeReference<>() {
	};

	// By the account stream's last segment, which is the account's id.
	private final Map<String, Account> accounts = new ConcurrentSkipListMap<>();

	private final JsonMapper json;

	AccountDirectory(JsonMapper json) {
		this.json = json;
	}

	@EventHandler
	void on(Opened opened, StreamName account) {
		this.accounts.put(account.base(), new Account(opened.id(), opened.owner(), 0, false));
	}

	@EventHandler
	void on(Deposited deposited, StreamName account) {
		move(account, deposited.amount());
	}

	@EventHandler
	void on(Withdrawn withdrawn, StreamName account) {
		move(account, -withdrawn.amount());
	}

	@EventHandler
	void on(TransferDebited debited, StreamName account) {
		move(account, -debited.amount());
	}

	@EventHandler
	void on(TransferCredited credited, StreamName account) {
		move(account, credited.amount());
	}

	@EventHandler
	void on(TransferRefunded refunded, StreamName account) {
		move(account, refunded.amount());
	}

	@EventHandler
	void on(Closed closed, StreamName account) {
		update(account, (open) -> new Account(open.id(), open.owner(), open.balance(), true));
	}

	/**
	 * Returns every account, sorted by id.
	 * @return the accounts
	 */
	List<Account> all() {
		return List.copyOf(this.accounts.values());
	}

	private void move(StreamName account, long amount) {
		update(account, (before) -> new Account(before.id(), before.owner(), before.balance() + amount,
				before.closed()));
	}

	private void update(StreamName account, UnaryOperator<Account> change) {
		// Each stream's entries come in order, and @1 opens the account: it is there already.
		Account before = this.accounts.get(account.base());
		if (before == null) {
			throw new IllegalStateException("Account stream " + account + " has an event before account.Opened");
		}
		this.accounts.put(account.base(), change.apply(before));
	}

	@Override
	public void resetState() {
		this.accounts.clear();
	}

	@Override
	public byte[] snapshotState() {
		return this.json.writeValueAsBytes(all());
	}

	@Override
	public void restoreState(byte[] data) {
		List<Account> restored = this.json.readValue(data, STATE);
		this.accounts.clear();
		restored.forEach((account) -> this.accounts.put(account.id(), account));
	}

}
