package io.eventhorizon.sample;

import java.util.Optional;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.process.SourceEvent;
import io.eventhorizon.process.TreeProcessManager;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.AccountEvents.TransferRefunded;
import io.eventhorizon.sample.TransferEvents.TransferCompleted;
import io.eventhorizon.sample.TransferEvents.TransferCreditChosen;
import io.eventhorizon.sample.TransferEvents.TransferRefundChosen;
import io.eventhorizon.sample.TransferEvents.TransferRefundedToSource;
import io.eventhorizon.sample.TransferEvents.TransferRequested;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The process of transfers, fed by a {@link TreeProcessManager} of the tree
 * {@code /bank/accounts} ({@link BankApplication#transfers}): for each debit of an account
 * ({@link TransferDebited}), it makes sure the transfer's stream {@code /bank/transfers/<id>}
 * exists, records there whether it credits the target or refunds the source (when the
 * target is unknown or closed), does so, then records the outcome. So a transfer is
 * finished even when the instance that debited it died before recording it.
 * <p>
 * Exactly once, twice over. Every write carries the key of its effect
 * ({@link SourceEvent#key(String)}), so handling one debit again (after a failure, or on a
 * second instance at the same time) writes nothing twice while the effect is among its
 * account's newest entries. And a debit whose transfer has its outcome recorded is not
 * handled at all: a follower started afresh walks every account's stream from the
 * beginning and sees every debit ever made, long after their keys left the accounts'
 * idempotency windows. The target is credited at most once, the source refunded at most
 * once, and never both: the choice between them is recorded in the transfer's stream before
 * either is written, and kept by every instance and every repeat (an unknown target may be
 * opened later; it changes only from credit to refund, when the target is closed for good).
 * <p>
 * Thread-safe: it holds no state of its own.
 */
@Component
public class TransferProcess {

	/** The process manager's name, part of every key it writes. */
	static final String NAME = "transfers";

	/** The events the process reacts to. */
	static final EventTypes EVENT_TYPES = EventTypes.of(TransferDebited.class);

	private static final int RECORD_ATTEMPTS = 20;

	private final Aggregates<BankAccount> accounts;

	private final Aggregates<BankTransfer> transfers;

	TransferProcess(Aggregates<BankAccount> accounts, Aggregates<BankTransfer> transfers) {
		this.accounts = accounts;
		this.transfers = transfers;
	}

	/**
	 * Records a transfer whose source is debited in its own stream, pending, unless it is
	 * recorded already (by the request, or by this process for an earlier debit event).
	 * @param requested the transfer
	 * @param userId the user who asked, or {@code null}
	 * @return the transfer as first recorded
	 */
	Transfer record(TransferRequested requested, @Nullable String userId) {
		// Many transfers created at once contend on the announcement in /bank/transfers, and
		// creating the stream again finishes the work an attempt left undone (its key makes a
		// repeat write nothing twice).
		IdempotencyKey key = IdempotencyKey.of("transfer-" + requested.id() + "/request");
		for (int attempt = 1;; attempt++) {
			try {
				return this.transfers.create(requested.id(), key, Transfer.class, (transfer, events) -> {
					Bank.append(events, userId, requested);
					return pending(requested);
				});
			}
			catch (StreamAlreadyExistsException ex) {
				return pending(requested);
			}
			catch (OptimisticLockingException ex) {
				if (attempt == RECORD_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Finishes the transfer of one debit; returns once every effect is written.
	 * @param source a {@link TransferDebited} in an account's stream, with its place, which
	 * gives each effect its key
	 */
	void on(SourceEvent source) {
		if (!(source.payload() instanceof TransferDebited debited)) {
			return;
		}
		TransferRequested requested = new TransferRequested(debited.transferId(), source.entry().stream().base(),
				debited.to(), debited.amount());
		record(requested, source.event().meta().userId().orElse(null));
		if (!BankTransfer.PENDING.equals(this.transfers.query(requested.id(), BankTransfer::view).status())) {
			return;
		}
		Optional<String> refundReason = route(requested, source);
		Object outcome = new TransferCompleted();
		if (refundReason.isEmpty()) {
			try {
				this.accounts.execute(requested.to(), source.key("credit"), Account.class, (account, events) -> {
					account.checkCanMove(requested.amount());
					events.append(new TransferCredited(requested.id(), requested.from(), requested.amount()));
					return account.viewAfter(requested.amount());
				});
			}
			catch (StreamNotFoundException | InvalidStreamNameException | AccountClosedException ex) {
				// Closed after the credit was chosen, and closed for good: no credit of this
				// debit can land any more (one that did would have answered by its key).
				refundReason = reroute(requested, source, reason(requested, ex));
			}
		}
		if (refundReason.isPresent()) {
			this.accounts.execute(requested.from(), source.key("refund"), Account.class, (account, events) -> {
				// Refunded even to a closed account: the money was taken from it.
				events.append(new TransferRefunded(requested.id(), requested.amount()));
				return account.viewAfter(requested.amount());
			});
			outcome = new TransferRefundedToSource(refundReason.get());
		}
		Object recorded = outcome;
		this.transfers.execute(requested.id(), source.key("outcome"), String.class, (transfer, events) -> {
			events.append(recorded);
			return recorded.getClass().getSimpleName();
		});
	}

	/**
	 * Chooses, once for every instance and every repeat, whether the debit is credited to
	 * the target or refunded to the source, and records the choice in the transfer's stream
	 * before either is written: a target unknown when one instance refunds may be opened
	 * before another instance (or a repeat after a crash) would credit it.
	 * @return why the source is refunded, or empty to credit the target
	 */
	private Optional<String> route(TransferRequested requested, SourceEvent source) {
		Optional<String> refusal = refusalOf(requested);
		this.transfers.execute(requested.id(), source.key("route"), String.class, (transfer, events) -> {
			// Of two instances choosing at once, the one whose append conflicts finds the
			// other's choice when it runs again, and keeps it.
			if (!transfer.routed()) {
				events.append(refusal.isPresent() ? new TransferRefundChosen(refusal.get()) : new TransferCreditChosen());
			}
			return "routed";
		});
		return this.transfers.query(requested.id(), BankTransfer::refundReason);
	}

	private Optional<String> reroute(TransferRequested requested, SourceEvent source, String reason) {
		this.transfers.execute(requested.id(), source.key("reroute"), String.class, (transfer, events) -> {
			if (transfer.refundReason().isEmpty()) {
				events.append(new TransferRefundChosen(reason));
			}
			return "rerouted";
		});
		return this.transfers.query(requested.id(), BankTransfer::refundReason);
	}

	private Optional<String> refusalOf(TransferRequested requested) {
		try {
			Account target = this.accounts.query(requested.to(), BankAccount::view);
			return target.closed() ? Optional.of(new AccountClosedException(requested.to()).getMessage())
					: Optional.empty();
		}
		catch (StreamNotFoundException | InvalidStreamNameException ex) {
			return Optional.of(new AccountNotFoundException(requested.to()).getMessage());
		}
	}

	private static Transfer pending(TransferRequested requested) {
		return new Transfer(requested.id(), requested.from(), requested.to(), requested.amount(),
				BankTransfer.PENDING);
	}

	private static String reason(TransferRequested requested, RuntimeException ex) {
		return (ex instanceof AccountClosedException) ? ex.getMessage()
				: new AccountNotFoundException(requested.to()).getMessage();
	}

}
