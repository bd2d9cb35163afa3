package io.eventhorizon.spring.aot.shop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.SnapshotState;

import org.springframework.stereotype.Component;

/**
 * The orders, kept in memory and snapshotted; serializes its map of {@link OrderSummary}
 * its own way (here: not at all, which the hints do not care about).
 */
@Component
@EventProcessor(stream = "/shop", snapshotPerspective = "orders:v1")
class OrderBook implements SnapshotState {

	private final Map<String, OrderSummary> orders = new ConcurrentHashMap<>();

	@EventHandler
	void on(ShopEvents.OrderPlaced placed, EventMeta meta, StreamName stream) {
		this.orders.put(placed.orderId(), new OrderSummary(placed.orderId(), placed.total()));
	}

	@Override
	public byte[] snapshotState() {
		return new byte[0];
	}

	@Override
	public void restoreState(byte[] data) {
	}

	record OrderSummary(String orderId, long total) {
	}

}
