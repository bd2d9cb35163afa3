package io.eventhorizon.sample;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.SnapshotState;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The ids of every account, on every instance: follows the parent {@code /bank/accounts},
 * where the event log announces each account's stream as it is created. Kept in memory,
 * restored from snapshots, rebuildable through {@code /actuator/eventhorizon}.
 * <p>
 * It holds ids only; balances are read from the accounts' own streams. Once tree read
 * models exist, a read model of the tree {@code /bank/accounts} (handling the accounts'
 * events themselves, with their balances) replaces this class.
 * <p>
 * Thread-safe: the synchronizer updates it from one thread while requests read it.
 */
@Component(AccountDirectory.NAME)
@EventProcessor(stream = "${bank.accounts:/bank/accounts}", snapshotPerspective = "bank-accounts:v2")
class AccountDirectory implements SnapshotState, ResettableState {

	/** The processor's name, as {@code /actuator/eventhorizon} shows it. */
	static final String NAME = "accounts";

	private static final TypeReference<List<String>> STATE = new TypeReference<>() {
	};

	private final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>();

	private final JsonMapper json;

	AccountDirectory(JsonMapper json) {
		this.json = json;
	}

	@EventHandler
	void on(ChildStreamCreated created) {
		this.ids.add(StreamName.of(created.stream()).base());
	}

	/**
	 * Returns the ids of the accounts, sorted.
	 * @return the ids
	 */
	List<String> ids() {
		return List.copyOf(this.ids);
	}

	@Override
	public void resetState() {
		this.ids.clear();
	}

	@Override
	public byte[] snapshotState() {
		return this.json.writeValueAsBytes(List.copyOf(this.ids));
	}

	@Override
	public void restoreState(byte[] data) {
		List<String> restored = this.json.readValue(data, STATE);
		this.ids.clear();
		this.ids.addAll(restored);
	}

}
