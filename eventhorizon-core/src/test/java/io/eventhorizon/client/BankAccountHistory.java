package io.eventhorizon.client;

import java.util.List;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;

/**
 * {@link BankAccount}, for tests in other packages.
 */
public final class BankAccountHistory extends InMemoryProcessor {

	private final BankAccount account;

	public BankAccountHistory(StreamName stream) {
		super(stream);
		this.account = new BankAccount(stream);
	}

	@Override
	public EventTypes eventTypes() {
		return this.account.eventTypes();
	}

	@Override
	protected void apply(Event event) {
		this.account.apply(event);
	}

	public List<String> history() {
		return this.account.history();
	}

}
