package io.eventhorizon.sample;

import java.util.Optional;

import io.eventhorizon.sample.TransferEvents.TransferCompleted;
import io.eventhorizon.sample.TransferEvents.TransferCreditChosen;
import io.eventhorizon.sample.TransferEvents.TransferRefundChosen;
import io.eventhorizon.sample.TransferEvents.TransferRefundedToSource;
import io.eventhorizon.sample.TransferEvents.TransferRequested;
import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.EventHandler;
import org.jspecify.annotations.Nullable;

/**
 * One transfer, in its own stream {@code /bank/transfers/<id>}: its status is one
 * aggregate read by id, whichever accounts it moved money between.
 * <p>
 * Not thread-safe: {@code Aggregates} applies events and runs commands on it one at a time.
 */
@Aggregate(parent = "${bank.transfers:/bank/transfers}")
class BankTransfer {

	static final String PENDING = "pending";

	static final String COMPLETED = "completed";

	static final String REFUNDED = "refunded";

	private String id = "";

	private String from = "";

	private String to = "";

	private long amount;

	private String status = PENDING;

	private boolean creditChosen;

	private @Nullable String refundReason;

	@EventHandler
	void on(TransferRequested requested) {
		this.id = requested.id();
		this.from = requested.from();
		this.to = requested.to();
		this.amount = requested.amount();
	}

	@EventHandler
	void on(TransferCreditChosen chosen) {
		this.creditChosen = true;
	}

	@EventHandler
	void on(TransferRefundChosen chosen) {
		this.refundReason = chosen.reason();
	}

	@EventHandler
	void on(TransferCompleted completed) {
		this.status = COMPLETED;
	}

	@EventHandler
	void on(TransferRefundedToSource refunded) {
		this.status = REFUNDED;
	}

	/**
	 * Returns whether the process chose already whether to credit or to refund.
	 * @return whether it is routed
	 */
	boolean routed() {
		return this.creditChosen || this.refundReason != null;
	}

	/**
	 * Returns why the source is refunded, once the process chose to refund it.
	 * @return the reason, or empty while a credit is chosen or nothing is
	 */
	Optional<String> refundReason() {
		return Optional.ofNullable(this.refundReason);
	}

	Transfer view() {
		return new Transfer(this.id, this.from, this.to, this.amount, this.status);
	}

}
