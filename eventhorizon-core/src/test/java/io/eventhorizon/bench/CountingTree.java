package io.eventhorizon.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.tree.InMemoryTreeProcessor;

/**
 * A tree processor of bank events that only counts the deposits it is given: it holds
 * nothing per event, so that a benchmark measures the reading. Thread-safe to read from any
 * thread while a TreeReader feeds it.
 */
class CountingTree extends InMemoryTreeProcessor {

	private final AtomicLong deposits = new AtomicLong();

	CountingTree(StreamName tree) {
		super(tree);
	}

	@Override
	public EventTypes eventTypes() {
		return BankEvents.TYPES;
	}

	@Override
	protected void apply(StreamName stream, Event event) {
		if (event.payload() instanceof BankEvents.Deposited deposited) {
			this.deposits.incrementAndGet();
			deposited(deposited);
		}
	}

	/**
	 * Told of each deposit applied, after it was counted; does nothing by default.
	 * @param deposited the deposit
	 */
	protected void deposited(BankEvents.Deposited deposited) {
	}

	long deposits() {
		return this.deposits.get();
	}

}
