package io.eventhorizon.sample;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferMade;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.SnapshotState;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The accounts read model, kept in memory, restored from snapshots, and rebuildable
 * through {@code /actuator/eventhorizon}.
 */
@Component
@EventProcessor(stream = "${bank.stream:/bank}", snapshotPerspective = "bank-accounts:v1")
class Accounts implements SnapshotState, ResettableState {

	private static final TypeReference<Map<String, Account>> STATE = new TypeReference<>() {
	};

	private final Map<String, Account> accounts = new ConcurrentHashMap<>();

	private final JsonMapper json;

	Accounts(JsonMapper json) {
		this.json = json;
	}

	@EventHandler
	void on(Opened opened) {
		this.accounts.put(opened.id(), new Account(opened.id(), opened.owner(), 0));
	}

	@EventHandler
	void on(Deposited deposited) {
		this.accounts.computeIfPresent(deposited.id(), (id, account) -> account.plus(deposited.amount()));
	}

	@EventHandler
	void on(Withdrawn withdrawn) {
		this.accounts.computeIfPresent(withdrawn.id(), (id, account) -> account.plus(-withdrawn.amount()));
	}

	@EventHandler
	void on(TransferMade transfer) {
		this.accounts.computeIfPresent(transfer.from(), (id, account) -> account.plus(-transfer.amount()));
		this.accounts.computeIfPresent(transfer.to(), (id, account) -> account.plus(transfer.amount()));
	}

	Optional<Account> find(String id) {
		return Optional.ofNullable(this.accounts.get(id));
	}

	List<Account> all() {
		return this.accounts.values().stream().sorted(Comparator.comparing(Account::id)).toList();
	}

	@Override
	public void resetState() {
		this.accounts.clear();
	}

	@Override
	public byte[] snapshotState() {
		return this.json.writeValueAsBytes(new LinkedHashMap<>(this.accounts));
	}

	@Override
	public void restoreState(byte[] data) {
		Map<String, Account> restored = this.json.readValue(data, STATE);
		this.accounts.clear();
		this.accounts.putAll(restored);
	}

}
