package io.eventhorizon.testing;

import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * Event payloads of a small bank, for tests.
 */
public final class BankEvents {

	/** The registry of the bank's events. */
	public static final EventTypes TYPES = EventTypes.of(Opened.class, Deposited.class, Withdrawn.class);

	/** A codec for the bank's events. */
	public static final EventLineCodec CODEC = new EventLineCodec(TYPES);

	private BankEvents() {
	}

	@EventType("account.Opened")
	public record Opened(String id, String owner) {
	}

	@EventType("account.Deposited")
	public record Deposited(String id, long amount) {
	}

	@EventType("account.Withdrawn")
	public record Withdrawn(String id, long amount) {
	}

}
