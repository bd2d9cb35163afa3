package io.eventhorizon.soak;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.client.InMemoryProcessor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * The soak test's read model: balances of a few accounts, every transfer id seen, and the
 * lowest balance ever.
 */
final class Ledger extends InMemoryProcessor {

	static final EventTypes TYPES = EventTypes.of(Funded.class, Transferred.class);

	private final Map<String, Long> balances = new TreeMap<>();

	private final List<String> transfers = new CopyOnWriteArrayList<>();

	private volatile long lowest;

	Ledger(StreamName stream) {
		super(stream);
	}

	@Override
	public EventTypes eventTypes() {
		return TYPES;
	}

	@Override
	protected synchronized void apply(Event event) {
		if (event.payload() instanceof Funded funded) {
			this.balances.merge(funded.account(), funded.amount(), Long::sum);
		}
		else if (event.payload() instanceof Transferred transfer) {
			this.balances.merge(transfer.from(), -transfer.amount(), Long::sum);
			this.balances.merge(transfer.to(), transfer.amount(), Long::sum);
			this.transfers.add(transfer.id());
			this.lowest = Math.min(this.lowest, this.balances.get(transfer.from()));
		}
	}

	synchronized long balance(String account) {
		return this.balances.getOrDefault(account, 0L);
	}

	synchronized Map<String, Long> balances() {
		return new TreeMap<>(this.balances);
	}

	List<String> transfers() {
		return List.copyOf(this.transfers);
	}

	long lowest() {
		return this.lowest;
	}

	@EventType("soak.Funded")
	record Funded(String account, long amount) {
	}

	@EventType("soak.Transferred")
	record Transferred(String id, String from, String to, long amount) {
	}

}
