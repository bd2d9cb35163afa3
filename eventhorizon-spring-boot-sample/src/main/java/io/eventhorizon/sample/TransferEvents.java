package io.eventhorizon.sample;

import io.eventhorizon.event.EventType;

/**
 * The events of a transfer, in its own stream {@code /bank/transfers/<id>}: requested once
 * the source was debited, then routed (credit or refund, chosen once), then completed or
 * refunded by the {@link TransferProcess}.
 */
final class TransferEvents {

	private TransferEvents() {
	}

	@EventType("transfer.Requested")
	record TransferRequested(String id, String from, String to, long amount) {
	}

	/**
	 * The process chose to credit the target, which was open: whichever instance handles the
	 * debit from now on credits it, unless the target turns out closed.
	 */
	@EventType("transfer.CreditChosen")
	record TransferCreditChosen() {
	}

	/**
	 * The process chose to refund the source: the target was unknown or closed (or closed
	 * before the chosen credit landed). It stands even if the target is opened later.
	 */
	@EventType("transfer.RefundChosen")
	record TransferRefundChosen(String reason) {
	}

	@EventType("transfer.Completed")
	record TransferCompleted() {
	}

	@EventType("transfer.Refunded")
	record TransferRefundedToSource(String reason) {
	}

}
