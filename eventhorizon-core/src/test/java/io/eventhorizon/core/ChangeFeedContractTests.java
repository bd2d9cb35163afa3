package io.eventhorizon.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.FeedContents;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link ChangeFeed} has, whatever stores it. Each implementation's
 * tests extend this class and hand out a fresh, empty log with a change feed per test.
 */
public abstract class ChangeFeedContractTests {

	protected static final Instant T0 = Instant.parse("2020-08-20T08:55:00.123Z");

	protected static final StreamName BANK = StreamName.root().child("bank");

	protected static final StreamName ACCOUNTS = BANK.child("accounts");

	protected final SettableClock clock = new SettableClock(T0);

	/**
	 * Returns a new, empty event log that keeps a change feed.
	 * @param clock the clock of its writes
	 * @param pageSize entries (and feed records) per page
	 * @return the event log
	 */
	protected abstract EventLog newEventLog(Clock clock, int pageSize);

	protected EventLog newEventLog() {
		return newEventLog(this.clock, 100);
	}

	protected static ChangeFeed feedOf(EventLog log) {
		return log.changeFeed().orElseThrow();
	}

	protected static long millis(Instant instant) {
		return instant.toEpochMilli();
	}

	/**
	 * Returns {@code count} accounts whose feed records share one partition, so that a test
	 * can order and page them within a single partition.
	 */
	protected static List<StreamName> accountsOfOnePartition(int count) {
		int partition = ChangeFeed.partitionOf(ACCOUNTS.child("acc-0"));
		return IntStream.iterate(0, (i) -> i + 1)
			.mapToObj((i) -> ACCOUNTS.child("acc-" + i))
			.filter((account) -> ChangeFeed.partitionOf(account) == partition)
			.limit(count)
			.toList();
	}

	protected EventLog bankWithAccounts(EventLog log, List<StreamName> accounts) {
		log.bootstrap();
		log.createStream(BANK);
		log.createStream(ACCOUNTS);
		accounts.forEach(log::createStream);
		return log;
	}

	@Test
	void appendsAndCreationsBelowTheTreeHaveRecordsAtTheWritersTime() {
		EventLog log = bankWithAccounts(newEventLog(), List.of());
		StreamName account = ACCOUNTS.child("acc-1");
		this.clock.advance(Duration.ofSeconds(1));
		log.createStream(account);
		this.clock.advance(Duration.ofSeconds(1));
		log.appendAfter(account.at(0), BankEvents.deposit(100));

		assertThat(FeedContents.all(feedOf(log), BANK)).containsExactlyInAnyOrder(
				new FeedRecord(ACCOUNTS.at(0), millis(T0)),
				new FeedRecord(ACCOUNTS.at(1), millis(T0.plusSeconds(1))),
				new FeedRecord(account.at(0), millis(T0.plusSeconds(1))),
				new FeedRecord(account.at(1), millis(T0.plusSeconds(2))));
	}

	@Test
	void eachRecordIsInThePartitionOfItsStream() {
		List<StreamName> accounts = IntStream.range(0, 40).mapToObj((i) -> ACCOUNTS.child("acc-" + i)).toList();
		EventLog log = bankWithAccounts(newEventLog(), accounts);

		List<StreamName> seen = new ArrayList<>();
		for (int partition = 0; partition < ChangeFeed.PARTITIONS; partition++) {
			for (FeedRecord record : FeedContents.partition(feedOf(log), BANK, partition, Long.MIN_VALUE)) {
				assertThat(ChangeFeed.partitionOf(record.entry().stream())).as("partition of %s", record)
					.isEqualTo(partition);
				seen.add(record.entry().stream());
			}
		}
		assertThat(seen).containsAll(accounts);
		assertThat(seen.stream().map(ChangeFeed::partitionOf).distinct().count()).as("partitions used")
			.isGreaterThan(1);
	}

	@Test
	void aTreesFeedLeavesOutTheTreeItselfAndSiblingsWhoseNamesStartAlike() {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(BANK);
		StreamName acc = BANK.child("acc");
		StreamName accounts = BANK.child("accounts");
		log.createStream(acc);
		log.createStream(accounts);
		log.createStream(acc.child("x"));
		log.createStream(accounts.child("x"));
		log.appendAfter(acc.at(1), BankEvents.deposit(1));

		assertThat(FeedContents.all(feedOf(log), acc)).extracting(FeedRecord::entry)
			.containsExactly(acc.child("x").at(0));
	}

	@Test
	void aPartitionIsReadOldestFirstWhateverTheOrderOfTheWrites() {
		List<StreamName> accounts = accountsOfOnePartition(3);
		EventLog log = bankWithAccounts(newEventLog(), accounts);
		this.clock.set(T0.plusSeconds(30));
		log.appendAfter(accounts.get(0).at(0), BankEvents.deposit(1));
		this.clock.set(T0.plusSeconds(10));
		log.appendAfter(accounts.get(1).at(0), BankEvents.deposit(1));
		this.clock.set(T0.plusSeconds(20));
		log.appendAfter(accounts.get(2).at(0), BankEvents.deposit(1));

		int partition = ChangeFeed.partitionOf(accounts.get(0));
		assertThat(FeedContents.partition(feedOf(log), ACCOUNTS, partition, millis(T0.plusSeconds(1))))
			.containsExactly(new FeedRecord(accounts.get(1).at(1), millis(T0.plusSeconds(10))),
					new FeedRecord(accounts.get(2).at(1), millis(T0.plusSeconds(20))),
					new FeedRecord(accounts.get(0).at(1), millis(T0.plusSeconds(30))));
	}

	@Test
	void fromMillisIsInclusive() {
		List<StreamName> accounts = accountsOfOnePartition(1);
		StreamName account = accounts.get(0);
		EventLog log = bankWithAccounts(newEventLog(), accounts);
		for (int second = 1; second <= 3; second++) {
			this.clock.set(T0.plusSeconds(second));
			log.append(account, BankEvents.deposit(second));
		}

		assertThat(FeedContents.partition(feedOf(log), ACCOUNTS, ChangeFeed.partitionOf(account),
				millis(T0.plusSeconds(2))))
			.containsExactly(new FeedRecord(account.at(2), millis(T0.plusSeconds(2))),
					new FeedRecord(account.at(3), millis(T0.plusSeconds(3))));
	}

	@Test
	void pagesContinueAfterTheLastRecordEvenAmongRecordsOfEqualTime() {
		List<StreamName> accounts = accountsOfOnePartition(5);
		EventLog log = bankWithAccounts(newEventLog(this.clock, 2), accounts);
		this.clock.advance(Duration.ofMinutes(1));
		for (StreamName account : accounts) {
			log.appendAfter(account.at(0), BankEvents.deposit(1));
		}

		FeedQuery query = new FeedQuery(ACCOUNTS, ChangeFeed.partitionOf(accounts.get(0)),
				millis(T0.plus(Duration.ofMinutes(1))), null);
		List<FeedRecord> read = new ArrayList<>();
		FeedPage page;
		do {
			page = feedOf(log).read(query);
			assertThat(page.records()).hasSizeBetween(1, 2);
			read.addAll(page.records());
			query = query.after(page.last());
		}
		while (page.more());

		assertThat(read).extracting(FeedRecord::entry)
			.containsExactlyInAnyOrderElementsOf(accounts.stream().map((account) -> account.at(1)).toList());
	}

	@Test
	void aRecordBehindFullPagesOfAnotherTreeInItsPartitionIsFound() {
		List<StreamName> accounts = accountsOfOnePartition(6);
		int partition = ChangeFeed.partitionOf(accounts.get(0));
		StreamName loans = BANK.child("loans");
		StreamName loan = IntStream.iterate(0, (i) -> i + 1)
			.mapToObj((i) -> loans.child("loan-" + i))
			.filter((candidate) -> ChangeFeed.partitionOf(candidate) == partition)
			.findFirst()
			.orElseThrow();
		EventLog log = bankWithAccounts(newEventLog(this.clock, 2), accounts);
		log.createStream(loans);
		this.clock.advance(Duration.ofSeconds(1));
		log.createStream(loan);

		FeedPage page = feedOf(log).read(new FeedQuery(loans, partition, millis(T0), null));

		assertThat(page.records()).containsExactly(new FeedRecord(loan.at(0), millis(T0.plusSeconds(1))));
	}

	@Test
	void continuingAfterARecordOfAnotherPartitionIsRefusedByName() {
		EventLog log = bankWithAccounts(newEventLog(), List.of());
		StreamName account = ACCOUNTS.child("acc-1");
		int otherPartition = (ChangeFeed.partitionOf(account) + 1) % ChangeFeed.PARTITIONS;
		FeedRecord foreign = new FeedRecord(account.at(3), millis(T0));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> feedOf(log).read(new FeedQuery(ACCOUNTS, otherPartition, millis(T0), foreign)))
			.withMessageContaining(foreign.toString())
			.withMessageContaining("partition " + otherPartition);
	}

	@Test
	void continuingAfterARecordOfAnotherTreeIsRefusedByName() {
		EventLog log = bankWithAccounts(newEventLog(), List.of());
		StreamName card = BANK.child("cards").child("card-1");
		FeedRecord foreign = new FeedRecord(card.at(3), millis(T0));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> feedOf(log)
				.read(new FeedQuery(ACCOUNTS, ChangeFeed.partitionOf(card), millis(T0), foreign)))
			.withMessageContaining(foreign.toString())
			.withMessageContaining("the tree " + ACCOUNTS);
	}

	@Test
	void aPartitionWithoutRecordsOfTheTreeReadsEmpty() {
		EventLog log = bankWithAccounts(newEventLog(), List.of());

		FeedPage page = feedOf(log).read(new FeedQuery(BANK.child("loans"), 3, Long.MIN_VALUE, null));

		assertThat(page.records()).isEmpty();
		assertThat(page.more()).isFalse();
	}

}
