package io.eventhorizon.spring.aot.shop;

import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.TransactionalAppend;

import org.springframework.stereotype.Service;

/**
 * Places orders; the receipt of a command is stored as JSON with its idempotency key.
 */
@Service
class Checkout {

	private final EventHorizonTemplate events;

	Checkout(EventHorizonTemplate events) {
		this.events = events;
	}

	@TransactionalAppend(processors = "orderBook")
	public Receipt place(String orderId, long total) {
		this.events.append("/shop", new ShopEvents.OrderPlaced(orderId, total));
		return new Receipt(orderId);
	}

	record Receipt(String orderId) {
	}

}
