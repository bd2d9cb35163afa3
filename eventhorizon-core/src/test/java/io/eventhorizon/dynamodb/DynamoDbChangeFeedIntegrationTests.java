package io.eventhorizon.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.ChangeFeedContractTests;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.dynamodb.CrashingInterceptor.SimulatedCrash;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FeedContents;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.PlainSdk;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The DynamoDB event log's change feed holds the change feed contract against a real
 * DynamoDB-API server (dynalite), and keeps its promises under crashes, skewed clocks and
 * concurrent writers.
 */
class DynamoDbChangeFeedIntegrationTests extends ChangeFeedContractTests {

	private final CrashingInterceptor crashes = new CrashingInterceptor();

	private final CopyOnWriteArrayList<QueryRequest> queries = new CopyOnWriteArrayList<>();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient(this.crashes, new ExecutionInterceptor() {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof QueryRequest query) {
				DynamoDbChangeFeedIntegrationTests.this.queries.add(query);
			}
		}

	});

	private String tableName;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected EventLog newEventLog(Clock clock, int pageSize) {
		DynamoDbEventLog log = FreshEventLogs.on(this.client, "feed");
		this.tableName = log.tableName();
		return writer(clock, pageSize);
	}

	private DynamoDbEventLog writer(Clock clock, int pageSize) {
		return DynamoDbEventLog.builder(this.client).tableName(this.tableName).clock(clock).pageSize(pageSize)
			.feedPageSize(pageSize)
			.build();
	}

	@Test
	void aStreamSkippedWhilePendingComesBackInTheFeedWhenASecondCreatorFinishesIt() {
		EventLog creator = bankWithAccounts(newEventLog(), List.of());
		StreamName account = ACCOUNTS.child("acc-1");
		this.crashes.crashBeforeSending((request) -> request instanceof UpdateItemRequest);
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> creator.createStream(account));

		List<FeedRecord> whilePending = FeedContents.all(feedOf(creator), ACCOUNTS);
		assertThat(whilePending).containsExactly(new FeedRecord(account.at(0), millis(T0)));
		assertThatExceptionOfType(StreamNotFoundException.class)
			.as("a reader skips the pending stream: it does not exist yet")
			.isThrownBy(() -> creator.read(account.beginning()));

		Clock laterClock = Clock.offset(this.clock, Duration.ofSeconds(7));
		EventLog finisher = writer(laterClock, 100);
		assertThat(finisher.createStream(account)).isEqualTo(account.at(0));

		long after = millis(T0) + 1;
		assertThat(FeedContents.all(feedOf(creator), ACCOUNTS, after)).as("read after the pending record's time")
			.containsExactly(new FeedRecord(account.at(0), millis(T0.plusSeconds(7))));
		assertThat(StreamContents.entries(creator, account)).hasSize(1);
	}

	@Test
	void writersWhoseClocksAreFiveSecondsApartAreBothFoundOverAFifteenSecondOverlap() {
		List<StreamName> accounts = accountsOfOnePartition(2);
		bankWithAccounts(newEventLog(), accounts);
		EventLog fast = writer(Clock.offset(this.clock, Duration.ofSeconds(5)), 100);
		EventLog slow = writer(Clock.offset(this.clock, Duration.ofSeconds(-5)), 100);
		this.clock.advance(Duration.ofMinutes(1));
		Instant now = this.clock.instant();

		fast.appendAfter(accounts.get(0).at(0), BankEvents.deposit(1));
		slow.appendAfter(accounts.get(1).at(0), BankEvents.deposit(2));

		int partition = ChangeFeed.partitionOf(accounts.get(0));
		assertThat(FeedContents.partition(feedOf(fast), ACCOUNTS, partition, millis(now.minusSeconds(15))))
			.as("the later write has the earlier time")
			.containsExactly(new FeedRecord(accounts.get(1).at(1), millis(now.minusSeconds(5))),
					new FeedRecord(accounts.get(0).at(1), millis(now.plusSeconds(5))));
	}

	@Test
	void twoWritersAppendingAtOnceToOnePartitionEachLeaveOneRecordPerEntry() throws Exception {
		List<StreamName> accounts = accountsOfOnePartition(2);
		bankWithAccounts(newEventLog(), accounts);
		this.clock.advance(Duration.ofMinutes(1));
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> writers = accounts.stream().<Future<?>>map((account) -> threads.submit(() -> {
				DynamoDbEventLog writer = writer(this.clock, 100);
				for (int i = 0; i < 10; i++) {
					together.await(10, TimeUnit.SECONDS);
					writer.append(account, BankEvents.deposit(i));
				}
				return null;
			})).toList();
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<Cursor> entries = FeedContents
			.partition(feedOf(writer(this.clock, 3)), ACCOUNTS, ChangeFeed.partitionOf(accounts.get(0)),
					millis(this.clock.instant()))
			.stream()
			.map(FeedRecord::entry)
			.toList();
		assertThat(entries).hasSize(20).doesNotHaveDuplicates();
		for (StreamName account : accounts) {
			assertThat(entries).filteredOn((entry) -> entry.stream().equals(account))
				.extracting(Cursor::version)
				.containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		}
	}

	@Test
	void theFeedIsAKeysOnlyQueryOnTheIndexWithoutConsistentRead() {
		EventLog log = bankWithAccounts(newEventLog(this.clock, 7), List.of(ACCOUNTS.child("acc-1")));
		this.queries.clear();

		feedOf(log).read(new FeedQuery(ACCOUNTS, 5, 1234L, null));

		assertThat(this.queries).singleElement().satisfies((query) -> {
			assertThat(query.indexName()).isEqualTo("feed");
			assertThat(query.consistentRead()).isFalse();
			assertThat(query.limit()).isEqualTo(7);
			assertThat(query.scanIndexForward()).isTrue();
			assertThat(query.expressionAttributeValues()).containsEntry(":f", AttributeValue.fromS("/bank#5"))
				.containsEntry(":from", AttributeValue.fromN("1234"))
				.containsEntry(":tree", AttributeValue.fromS("/bank/accounts/"));
		});
	}

	@Test
	void theFeedReadsAThousandKeysOnlyRecordsAQueryByDefaultWhateverTheLogsPageSize() {
		newEventLog(this.clock, 7);
		EventLog log = DynamoDbEventLog.builder(this.client).tableName(this.tableName).pageSize(7).build();
		this.queries.clear();

		feedOf(log).read(new FeedQuery(ACCOUNTS, 5, 1234L, null));

		assertThat(this.queries).singleElement().satisfies((query) -> assertThat(query.limit()).isEqualTo(1_000));
	}

	@Test
	void aFeedPageBelowOneRecordIsRefusedNamingIt() {
		DynamoDbEventLog.Builder builder = DynamoDbEventLog.builder(this.client);

		assertThatIllegalArgumentException().isThrownBy(() -> builder.feedPageSize(0))
			.withMessage("feedPageSize must be at least 1, was 0");
	}

	@Test
	void readingWithoutTheIndexNamesTheTableTheIndexAndHowToAddIt() {
		String table = DynamoDbTestServer.uniqueTableName("noindex");
		this.client.createTable((create) -> create.tableName(table)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema((key) -> key.attributeName("s").keyType(KeyType.HASH),
					(key) -> key.attributeName("v").keyType(KeyType.RANGE))
			.attributeDefinitions((definition) -> definition.attributeName("s").attributeType(ScalarAttributeType.S),
					(definition) -> definition.attributeName("v").attributeType(ScalarAttributeType.N)));
		// A busy server may still be creating the table: without waiting, the table is missing.
		this.client.waiter().waitUntilTableExists((describe) -> describe.tableName(table));
		ChangeFeed feed = DynamoDbEventLog.builder(this.client).tableName(table).build().changeFeed().orElseThrow();

		assertThatExceptionOfType(MissingIndexException.class)
			.isThrownBy(() -> feed.read(new FeedQuery(BANK, 0, 0, null)))
			.withMessageContaining("\"" + table + "\"")
			.withMessageContaining("index \"feed\"")
			.withMessageContaining("DynamoDbTables.createMissing()")
			.satisfies((ex) -> {
				assertThat(ex.getTableName()).isEqualTo(table);
				assertThat(ex.getIndexName()).isEqualTo("feed");
			});
	}

	@Test
	void turnedOffTheLogHasNoFeedAndWritesNoFeedAttributes() {
		newEventLog();
		DynamoDbEventLog log = DynamoDbEventLog.builder(this.client).tableName(this.tableName).changeFeed(false).build();
		log.bootstrap();
		log.createStream(BANK);
		log.append(BANK, BankEvents.deposit(1));

		assertThat(log.changeFeed()).isEmpty();
		assertThat(rawItem(BANK.at(0))).containsOnlyKeys("s", "v", "d", "i");
		assertThat(rawItem(BANK.at(1))).containsOnlyKeys("s", "v", "d", "i");
	}

	@Test
	void anItemTheGoProjectWroteWithoutFeedAttributesStillReadsAndIsNotInTheFeed() {
		EventLog log = bankWithAccounts(newEventLog(), List.of());
		StreamName account = ACCOUNTS.child("acc-go");
		byte[] stored = BankEvents.deposit(5).toStored();
		this.client.putItem((put) -> put.tableName(this.tableName).item(PlainSdk.item(account, 0, stored)));

		assertThat(StreamContents.entries(log, account)).singleElement()
			.satisfies((entry) -> assertThat(entry.data().toStored()).isEqualTo(stored));
		assertThat(FeedContents.all(feedOf(log), ACCOUNTS)).isEmpty();
	}

	private Map<String, AttributeValue> rawItem(Cursor cursor) {
		return PlainSdk.storedItem(this.client, this.tableName, cursor);
	}

}
