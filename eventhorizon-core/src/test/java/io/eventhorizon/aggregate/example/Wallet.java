package io.eventhorizon.aggregate.example;

import io.eventhorizon.aggregate.AggregateType;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

public class Wallet {

	@EventType("wallet.Credited")
	public record Credited(long amount) {
	}

	@EventType("wallet.Debited")
	public record Debited(long amount) {
	}

	public static final AggregateType<Wallet> TYPE = AggregateType.<Wallet>builder("wallet", StreamName.of("/wallets"))
		.eventTypes(EventTypes.of(Credited.class, Debited.class))
		.newState(Wallet::new)
		.eventHandler(Wallet::apply)
		.build();

	private long balance;

	public long balance() {
		return this.balance;
	}

	private void apply(Event event) {
		if (event.payload() instanceof Credited credited) {
			this.balance += credited.amount();
		}
		else if (event.payload() instanceof Debited debited) {
			this.balance -= debited.amount();
		}
	}

}
