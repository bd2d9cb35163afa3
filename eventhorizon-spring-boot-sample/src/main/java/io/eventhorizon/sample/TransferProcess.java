package io.eventhorizon.sample;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.process.SourceEvent;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.TransferEvents.TransferCompleted;
import io.eventhorizon.sample.TransferEvents.TransferRefundedToSource;
import io.eventhorizon.sample.TransferEvents.TransferRequested;

import org.springframework.stereotype.Component;

/**
 * The process manager of transfers: for a transfer requested (its source already
 * debited), credits the target, or refunds the source when the target is unknown or
 * closed, then records the outcome in the transfer's stream. Every write carries the key
 * of its effect ({@link SourceEvent#key(String)}), so handling one request again (after a
 * crash, a failure, or on a second instance at the same time) writes nothing twice: the
 * target is credited at most once, the source refunded at most once, and never both,
 * because an account that is unknown or closed stays so.
 * <p>
 * It does not decide what feeds it: today {@link TransferRequests}, later a follower of
 * the tree {@code /bank/transfers}, which gives the same {@link SourceEvent}s and so the
 * same keys.
 * <p>
 * Thread-safe: it holds no state of its own.
 */
@Component
public class TransferProcess {

	/** The process manager's name, part of every key it writes. */
	static final String NAME = "transfers";

	private final Aggregates<BankAccount> accounts;

	private final Aggregates<BankTransfer> transfers;

	TransferProcess(Aggregates<BankAccount> accounts, Aggregates<BankTransfer> transfers) {
		this.accounts = accounts;
		this.transfers = transfers;
	}

	/**
	 * Completes or refunds one requested transfer; returns once every effect is written.
	 * @param requested the request, from the transfer's stream
	 * @param source where it is, which gives each effect its key
	 */
	public void on(TransferRequested requested, SourceEvent source) {
		Object outcome;
		try {
			this.accounts.execute(requested.to(), source.key("credit"), Account.class, (account, events) -> {
				account.checkCanMove(requested.amount());
				events.append(new TransferCredited(requested.id(), requested.from(), requested.amount()));
				return account.viewAfter(requested.amount());
			});
			outcome = new TransferCompleted();
		}
		catch (StreamNotFoundException | InvalidStreamNameException | AccountClosedException ex) {
			this.accounts.execute(requested.from(), source.key("refund"), Account.class, (account, events) -> {
				// Refunded even to a closed account: the money was taken from it.
				events.append(new TransferRefunded(requested.id(), requested.amount()));
				return account.viewAfter(requested.amount());
			});
			outcome = new TransferRefundedToSource(reason(requested, ex));
		}
		Object recorded = outcome;
		this.transfers.execute(requested.id(), source.key("outcome"), String.class, (transfer, events) -> {
			events.append(recorded);
			return recorded.getClass().getSimpleName();
		});
	}

	private static String reason(TransferRequested requested, RuntimeException ex) {
		return (ex instanceof AccountClosedException) ? ex.getMessage()
				: new AccountNotFoundException(requested.to()).getMessage();
	}

}
