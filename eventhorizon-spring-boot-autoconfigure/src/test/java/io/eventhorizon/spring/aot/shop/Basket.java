package io.eventhorizon.spring.aot.shop;

import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.EventHandler;

/**
 * A basket, snapshotted as JSON of its private fields.
 */
@Aggregate(parent = "/shop/baskets", snapshotPerspective = "basket:v1")
class Basket {

	private final List<BasketLine> lines = new ArrayList<>();

	@EventHandler
	void on(ShopEvents.ItemAdded added) {
		this.lines.add(new BasketLine(added.sku(), added.quantity()));
	}

	record BasketLine(String sku, int quantity) {
	}

}
