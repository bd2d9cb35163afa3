package io.eventhorizon.aggregate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Opened;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event handler that fails once on an entry its own command has just committed: the
 * command succeeded (its entry is written), so it must say so; reporting the handler's
 * failure instead makes its caller send it again, and deposit twice.
 */
class AggregateHandlerFailureTests {

	private static final StreamName ACCOUNTS = StreamName.of("/accounts");

	private final AtomicBoolean failNextDeposit = new AtomicBoolean();

	@Test
	void aCommandWhoseEntryIsCommittedSucceedsEvenWhenTheCachedStateFailsToApplyIt() {
		EventLog log = new InMemoryEventLog();
		log.bootstrap();
		log.createStream(ACCOUNTS);
		Aggregates<Balance> accounts = Aggregates.builder(type(), log)
			.codec(BankEvents.CODEC)
			.transactWritePolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)))
			.build();
		accounts.create("acc-1", (account, events) -> {
			events.append(new Opened("acc-1", "alice"));
			return null;
		});
		this.failNextDeposit.set(true);

		Long balance = callerRetryingOnFailure(() -> accounts.execute("acc-1", (account, events) -> {
			events.append(new Deposited("acc-1", 50));
			return account.amount + 50;
		}));

		assertThat(balance).isEqualTo(50);
		assertThat(BankEvents.deposits(log, ACCOUNTS.child("acc-1"))).as("the deposit is written once")
			.hasSize(1);
		long queried = accounts.query("acc-1", (account) -> account.amount);
		assertThat(queried).isEqualTo(50);
	}

	// What a caller does with a failed command without an idempotency key: sends it again.
	private static Long callerRetryingOnFailure(java.util.function.Supplier<Long> command) {
		try {
			return command.get();
		}
		catch (RuntimeException ex) {
			return command.get();
		}
	}

	private AggregateType<Balance> type() {
		return AggregateType.<Balance>builder("account", ACCOUNTS)
			.eventTypes(BankEvents.TYPES)
			.newState(Balance::new)
			.eventHandler(this::apply)
			.build();
	}

	private void apply(Balance balance, Event event) {
		if (event.payload() instanceof Deposited deposited) {
			if (this.failNextDeposit.getAndSet(false)) {
				throw new IllegalStateException("The handler failed once (a passing failure)");
			}
			balance.amount += deposited.amount();
		}
	}

	static final class Balance {

		long amount;

	}

}
