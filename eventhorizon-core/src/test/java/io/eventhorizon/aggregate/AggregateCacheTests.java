package io.eventhorizon.aggregate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.aggregate.AggregatesContractTests.EntriesRead;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.BankEvents.Deposited;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.aggregate.AggregatesContractTests.deposit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of the cache of loaded aggregates: its size, and the expiry of aggregates not
 * used since, on a fake ticker.
 */
class AggregateCacheTests {

	private final EventLog log = bank();

	private final EntriesRead counting = new EntriesRead(this.log);

	private final AtomicLong nanos = new AtomicLong();

	@Test
	void aCommandOnACachedAccountReadsNothing() {
		Aggregates<Account> accounts = accounts(10, null);
		accounts.execute("acc-1", deposit(5));
		long read = this.counting.entries.get();

		accounts.execute("acc-1", deposit(5));

		assertThat(this.counting.entries).hasValue(read);
	}

	@Test
	void theCacheHoldsNoMoreAccountsThanItsMaximumSize() {
		Aggregates<Account> accounts = accounts(2, null);

		accounts.execute("acc-1", deposit(5));
		accounts.execute("acc-2", deposit(5));
		accounts.execute("acc-3", deposit(5));

		assertThat(accounts.cachedAggregates()).isEqualTo(2);
	}

	@Test
	void anAccountNotUsedForLongerThanTheExpiryIsLoadedAgain() {
		Aggregates<Account> accounts = accounts(10, Duration.ofMinutes(10));
		accounts.execute("acc-1", deposit(5));
		this.nanos.addAndGet(Duration.ofMinutes(9).toNanos());
		accounts.execute("acc-1", deposit(5));
		assertThat(accounts.cachedAggregates()).as("used 9 minutes later: still cached").isEqualTo(1);

		this.nanos.addAndGet(Duration.ofMinutes(11).toNanos());

		assertThat(accounts.cachedAggregates()).isZero();
		long read = this.counting.entries.get();
		assertThat(accounts.execute("acc-1", deposit(5))).isEqualTo(115);
		assertThat(this.counting.entries.get() - read).as("loaded again: @0 to @3").isEqualTo(4);
	}

	@Test
	void aCacheOfSizeZeroLoadsEveryAccountAgainAndStillCommits() {
		Aggregates<Account> accounts = accounts(0, null);

		accounts.execute("acc-1", deposit(5));

		assertThat(accounts.execute("acc-1", deposit(5))).isEqualTo(110);
		assertThat(accounts.cachedAggregates()).isZero();
	}

	private Aggregates<Account> accounts(long maximumSize, Duration expireAfterAccess) {
		return Aggregates.builder(Account.type(), this.counting)
			.cache(maximumSize, expireAfterAccess)
			.cacheTicker(this.nanos::get)
			.build();
	}

	private static EventLog bank() {
		EventLog log = new InMemoryEventLog();
		log.bootstrap();
		log.createStream(Account.ACCOUNTS);
		Aggregates<Account> opener = Aggregates.builder(Account.type(), log).build();
		for (String id : new String[] { "acc-1", "acc-2", "acc-3" }) {
			opener.create(id, (account, events) -> {
				events.append(new Deposited("opening", 100));
				return null;
			});
		}
		return log;
	}

}
