package io.eventhorizon.sample;

import io.eventhorizon.event.EventType;

/**
 * The events of a transfer, in its own stream {@code /bank/transfers/<id>}: requested once
 * the source was debited, then completed or refunded by the {@link TransferProcess}.
 */
final class TransferEvents {

	private TransferEvents() {
	}

	@EventType("transfer.Requested")
	record TransferRequested(String id, String from, String to, long amount) {
	}

	@EventType("transfer.Completed")
	record TransferCompleted() {
	}

	@EventType("transfer.Refunded")
	record TransferRefundedToSource(String reason) {
	}

}
