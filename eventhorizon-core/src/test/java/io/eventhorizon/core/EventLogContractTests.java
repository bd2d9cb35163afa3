package io.eventhorizon.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.event.MetaEvents.StreamStarted;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Opened;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link EventLog} has, whatever stores it. Each implementation's
 * tests extend this class and hand out a fresh, empty log per test.
 */
public abstract class EventLogContractTests {

	protected static final Instant T0 = Instant.parse("2020-08-20T08:55:00.123Z");

	protected static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

	protected static final StreamName BANK = StreamName.root().child("bank");

	/**
	 * Returns a new, empty event log.
	 * @param clock the clock for meta events
	 * @param pageSize entries per page
	 * @return the event log
	 */
	protected abstract EventLog newEventLog(Clock clock, int pageSize);

	protected EventLog newEventLog() {
		return newEventLog(CLOCK, 100);
	}

	protected static LogData deposit(String account, long amount) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.of(T0, "u1"))));
	}

	protected static List<DecodedEntry> readAll(EventLog log, StreamName stream) {
		return StreamContents.entries(log, stream).stream().map(BankEvents.CODEC::decode).toList();
	}

	protected static List<Object> payloads(List<DecodedEntry> entries) {
		return entries.stream().flatMap((entry) -> entry.events().stream()).map(Event::payload).toList();
	}

	@Test
	void bootstrapCreatesTheRootOnceAndCanBeRepeated() {
		EventLog log = newEventLog();
		log.bootstrap();
		log.bootstrap();

		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted());
		assertThat(log.head(StreamName.root())).isEqualTo(StreamName.root().at(0));
	}

	@Test
	void createStreamStartsTheStreamAndAnnouncesItInTheParent() {
		EventLog log = newEventLog();
		log.bootstrap();

		assertThat(log.createStream(BANK)).isEqualTo(BANK.at(0));
		assertThat(log.createStream(BANK.child("eu"))).isEqualTo(BANK.child("eu").at(0));

		assertThat(payloads(readAll(log, BANK.child("eu")))).containsExactly(new StreamStarted());
		assertThat(payloads(readAll(log, BANK))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank/eu"));
		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank"));
		DecodedEntry started = readAll(log, BANK).get(0);
		assertThat(started.kind()).isEqualTo(LogDataKind.META);
		assertThat(started.events().get(0).meta()).isEqualTo(EventMeta.system(T0));
	}

	@Test
	void createStreamRefusesAnExistingStream() {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(BANK);

		assertThatExceptionOfType(StreamAlreadyExistsException.class).isThrownBy(() -> log.createStream(BANK))
			.withMessage("Stream /bank already exists");
		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank"));
	}

	@Test
	void createStreamNeedsTheParent() {
		EventLog log = newEventLog();
		log.bootstrap();

		assertThatExceptionOfType(StreamNotFoundException.class)
			.isThrownBy(() -> log.createStream(BANK.child("eu")))
			.withMessage("Cannot create /bank/eu: its parent /bank does not exist")
			.satisfies((ex) -> assertThat(ex.getStream()).isEqualTo(BANK));
		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.head(BANK.child("eu")));
	}

	@Test
	void createStreamRefusesTheRoot() {
		EventLog log = newEventLog();

		assertThatIllegalArgumentException().isThrownBy(() -> log.createStream(StreamName.root()))
			.withMessageContaining("bootstrap()");
	}

	@Test
	void appendAfterTheHeadWritesTheNextVersion() {
		EventLog log = bankLog();

		assertThat(log.appendAfter(BANK.at(0), deposit("a1", 100))).isEqualTo(BANK.at(1));
		assertThat(log.appendAfter(BANK.at(1), deposit("a1", 50))).isEqualTo(BANK.at(2));

		assertThat(payloads(readAll(log, BANK))).containsExactly(new StreamStarted(), new Deposited("a1", 100),
				new Deposited("a1", 50));
		assertThat(log.head(BANK)).isEqualTo(BANK.at(2));
	}

	@Test
	void appendAfterAStaleCursorIsAConflictNamingBothCursors() {
		EventLog log = bankLog();
		log.appendAfter(BANK.at(0), deposit("a1", 100));
		log.appendAfter(BANK.at(1), deposit("a1", 50));

		assertThatExceptionOfType(OptimisticLockingException.class)
			.isThrownBy(() -> log.appendAfter(BANK.at(0), deposit("a1", 999)))
			.withMessage("Optimistic locking conflict on /bank: appended after /bank@0 but the head is /bank@2")
			.satisfies((ex) -> {
				assertThat(ex.getRequestedAfter()).isEqualTo(BANK.at(0));
				assertThat(ex.getActualHead()).isEqualTo(BANK.at(2));
			});
		assertThat(payloads(readAll(log, BANK))).doesNotContain(new Deposited("a1", 999));
	}

	@Test
	void appendAfterACursorBeyondTheHeadIsRefusedAndLeavesNoGap() {
		EventLog log = bankLog();

		assertThatExceptionOfType(CursorBeyondHeadException.class)
			.isThrownBy(() -> log.appendAfter(BANK.at(41), deposit("a1", 100)))
			.withMessageContaining("/bank@41")
			.withMessageContaining("the head of /bank is /bank@0")
			.satisfies((ex) -> assertThat(ex.getActualHead()).isEqualTo(BANK.at(0)));
		assertThat(log.head(BANK)).isEqualTo(BANK.at(0));
		assertThat(log.appendAfter(BANK.at(0), deposit("a1", 100))).isEqualTo(BANK.at(1));
	}

	@Test
	void appendAfterTheBeginningIsRefusedBecauseAt0IsStreamStarted() {
		EventLog log = bankLog();

		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> log.appendAfter(BANK.beginning(), deposit("a1", 100)))
			.withMessageContaining("/bank@-1")
			.withMessageContaining("$stream.Started");
	}

	@Test
	void appendToAMissingStreamIsRefused() {
		EventLog log = bankLog();
		StreamName missing = StreamName.of("/nowhere");

		assertThatExceptionOfType(StreamNotFoundException.class)
			.isThrownBy(() -> log.appendAfter(missing.at(0), deposit("a1", 100)))
			.withMessage("Stream /nowhere does not exist");
		assertThatExceptionOfType(StreamNotFoundException.class)
			.isThrownBy(() -> log.append(missing, deposit("a1", 100)))
			.withMessage("Stream /nowhere does not exist");
		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.read(missing.beginning()));
	}

	@Test
	void appendResolvesTheHeadItself() {
		EventLog log = bankLog();

		assertThat(log.append(BANK, deposit("a1", 1))).isEqualTo(BANK.at(1));
		assertThat(log.append(BANK, deposit("a1", 2))).isEqualTo(BANK.at(2));

		assertThat(payloads(readAll(log, BANK))).containsExactly(new StreamStarted(), new Deposited("a1", 1),
				new Deposited("a1", 2));
	}

	@Test
	void aCommitOfSeveralEventsIsOneEntry() {
		EventLog log = bankLog();
		EventMeta meta = EventMeta.of(T0, "u1");

		log.append(BANK, BankEvents.CODEC.encode(List.of(Event.of(new Opened("a1", "alice"), meta),
				Event.of(new Deposited("a1", 100), meta))));

		List<DecodedEntry> entries = readAll(log, BANK);
		assertThat(entries).hasSize(2);
		assertThat(entries.get(1).cursor()).isEqualTo(BANK.at(1));
		assertThat(entries.get(1).events()).containsExactly(Event.of(new Opened("a1", "alice"), meta),
				Event.of(new Deposited("a1", 100), meta));
	}

	@Test
	void aCommitOverTheItemSizeLimitIsRefusedBeforeWriting() {
		EventLog log = bankLog();
		LogData tooLarge = LogData.of(LogDataKind.DATA, filler(ItemSizeLimit.MAX_ITEM_BYTES));

		assertThatExceptionOfType(CommitTooLargeException.class)
			.isThrownBy(() -> log.appendAfter(BANK.at(0), tooLarge))
			.withMessageContaining("/bank@1")
			.withMessageContaining("limit of 409600 bytes");
		assertThatExceptionOfType(CommitTooLargeException.class).isThrownBy(() -> log.append(BANK, tooLarge));
		assertThat(log.head(BANK)).isEqualTo(BANK.at(0));
	}

	@Test
	void aCommitJustUnderTheItemSizeLimitIsStored() {
		EventLog log = bankLog();
		LogData largest = LogData.of(LogDataKind.DATA, filler(ItemSizeLimit.MAX_ITEM_BYTES - 100));
		assertThat(ItemSizeLimit.entryItemSize(BANK.at(1), largest, null))
			.isLessThanOrEqualTo(ItemSizeLimit.MAX_ITEM_BYTES);

		log.appendAfter(BANK.at(0), largest);

		assertThat(log.read(BANK.at(0)).entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.data()).isEqualTo(largest));
	}

	@Test
	void anEntryAppendedWithACommandRecordReadsBackWithIt() {
		EventLog log = bankLog();
		CommandRecord record = new CommandRecord(IdempotencyKey.of("order-7f3a"), "{\"balance\":100}");

		log.appendAfter(BANK.at(0), deposit("a1", 100), record);

		assertThat(log.read(BANK.at(0)).entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.command()).isEqualTo(record);
			assertThat(entry.data()).isEqualTo(deposit("a1", 100));
		});
	}

	@Test
	void aCommandRecordWithoutAResultReadsBackWithoutOne() {
		EventLog log = bankLog();
		CommandRecord record = new CommandRecord(IdempotencyKey.of("order-7f3b"), null);

		log.appendAfter(BANK.at(0), deposit("a1", 100), record);

		assertThat(log.read(BANK.at(0)).entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.command()).isEqualTo(record));
	}

	@Test
	void entriesAppendedWithoutACommandRecordReadBackWithNone() {
		EventLog log = bankLog();
		log.appendAfter(BANK.at(0), deposit("a1", 100));
		log.append(BANK, deposit("a1", 50));

		assertThat(StreamContents.entries(log, BANK)).hasSize(3)
			.allSatisfy((entry) -> assertThat(entry.command()).isNull());
		assertThat(StreamContents.entries(log, StreamName.root()))
			.allSatisfy((entry) -> assertThat(entry.command()).isNull());
	}

	@Test
	void aCommandResultThatMakesTheItemTooLargeIsRefusedBeforeWriting() {
		EventLog log = bankLog();
		LogData data = LogData.of(LogDataKind.DATA, filler(ItemSizeLimit.MAX_ITEM_BYTES - 1000));
		CommandRecord record = new CommandRecord(IdempotencyKey.of("order-7f3c"), "\"" + "x".repeat(1000) + "\"");
		assertThat(ItemSizeLimit.entryItemSize(BANK.at(1), data, null))
			.isLessThanOrEqualTo(ItemSizeLimit.MAX_ITEM_BYTES);

		assertThatExceptionOfType(CommitTooLargeException.class)
			.isThrownBy(() -> log.appendAfter(BANK.at(0), data, record))
			.withMessageContaining("/bank@1")
			.withMessageContaining("nothing was written");
		assertThat(log.head(BANK)).isEqualTo(BANK.at(0));
	}

	@Test
	void anEmptyCommitIsRefused() {
		assertThatExceptionOfType(EmptyCommitException.class).isThrownBy(() -> BankEvents.CODEC.encode(List.of()));
		assertThatExceptionOfType(EmptyCommitException.class)
			.isThrownBy(() -> LogData.of(LogDataKind.DATA, new byte[0]));
	}

	@Test
	void readingPagesYieldsTheWholeStreamInOrder() {
		EventLog log = newEventLog(CLOCK, 10);
		log.bootstrap();
		log.createStream(BANK);
		for (int i = 1; i <= 25; i++) {
			log.append(BANK, deposit("a1", i));
		}

		ReadResult first = log.read(BANK.beginning());
		assertThat(first.entries()).hasSize(10);
		assertThat(first.lastEntry()).isEqualTo(BANK.at(9));
		assertThat(first.more()).isTrue();

		List<DecodedEntry> entries = readAll(log, BANK);
		assertThat(entries).extracting((entry) -> entry.cursor().version())
			.containsExactlyElementsOf(LongStream.rangeClosed(0, 25).boxed().toList());
		assertThat(payloads(entries)).last().isEqualTo(new Deposited("a1", 25));
	}

	@Test
	void readingAtTheHeadIsEmptyAndReportsNoMore() {
		EventLog log = bankLog();
		log.append(BANK, deposit("a1", 1));

		ReadResult atHead = log.read(BANK.at(1));

		assertThat(atHead.entries()).isEmpty();
		assertThat(atHead.lastEntry()).isEqualTo(BANK.at(1));
		assertThat(atHead.more()).isFalse();
	}

	@Test
	void concurrentWritersKeepVersionsContiguousAndLoseNothing() throws Exception {
		EventLog log = bankLog();
		int writers = 8;
		int commitsEach = 200;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Integer>> conflicts = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				String account = "w" + writer;
				conflicts.add(pool.submit(() -> writeWithRefreshAndRetry(log, account, commitsEach)));
			}
			for (Future<Integer> future : conflicts) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}

		List<DecodedEntry> entries = readAll(log, BANK);
		assertThat(entries).extracting((entry) -> entry.cursor().version())
			.containsExactlyElementsOf(LongStream.rangeClosed(0, writers * commitsEach).boxed().toList());
		Set<Object> commits = new HashSet<>(payloads(entries.subList(1, entries.size())));
		assertThat(commits).hasSize(writers * commitsEach);
		for (int writer = 0; writer < writers; writer++) {
			for (int i = 1; i <= commitsEach; i++) {
				assertThat(commits).contains(new Deposited("w" + writer, i));
			}
		}
	}

	// The application's loop: read to the head, append after it, and on a conflict
	// refresh and try again.
	private static int writeWithRefreshAndRetry(EventLog log, String account, int commits) {
		int conflicts = 0;
		Cursor head = BANK.at(0);
		for (int i = 1; i <= commits; i++) {
			while (true) {
				ReadResult page;
				do {
					page = log.read(head);
					head = page.lastEntry();
				}
				while (page.more());
				try {
					head = log.appendAfter(head, deposit(account, i));
					break;
				}
				catch (OptimisticLockingException ex) {
					conflicts++;
				}
			}
		}
		return conflicts;
	}

	protected EventLog bankLog() {
		EventLog log = newEventLog();
		log.bootstrap();
		log.createStream(BANK);
		return log;
	}

	private static byte[] filler(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		bytes[0] = '{';
		return bytes;
	}

}
