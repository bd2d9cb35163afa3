package io.eventhorizon.testing;

import java.time.Instant;
import java.util.List;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
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

	/**
	 * Returns an entry of one deposit to account {@code a1}, by the system at the epoch.
	 * @param amount the amount
	 * @return the entry's data
	 */
	public static LogData deposit(long amount) {
		return CODEC.encode(List.of(Event.of(new Deposited("a1", amount), EventMeta.system(Instant.EPOCH))));
	}

	/**
	 * Returns every deposit in a stream, in order.
	 * @param log the log to read
	 * @param stream the stream
	 * @return the deposits
	 */
	public static List<Deposited> deposits(EventLog log, StreamName stream) {
		return StreamContents.payloads(log, CODEC, stream)
			.stream()
			.filter(Deposited.class::isInstance)
			.map(Deposited.class::cast)
			.toList();
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
