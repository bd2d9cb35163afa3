package io.eventhorizon.spring.aot.shop;

import io.eventhorizon.event.EventType;

/**
 * The shop's events; package-private, as applications often write them.
 */
final class ShopEvents {

	private ShopEvents() {
	}

	@EventType("shop.ItemAdded")
	record ItemAdded(String sku, int quantity) {
	}

	@EventType("shop.OrderPlaced")
	record OrderPlaced(String orderId, long total) {
	}

	/** Handled by no processor: only the scan finds it. */
	@EventType("shop.Audited")
	record Audited(String auditor) {
	}

}
