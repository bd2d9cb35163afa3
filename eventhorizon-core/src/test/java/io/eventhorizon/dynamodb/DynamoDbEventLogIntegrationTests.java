package io.eventhorizon.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.EventLogContractTests;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.dynamodb.CrashingInterceptor.SimulatedCrash;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.event.MetaEvents.StreamStarted;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.BankEvents.Opened;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.PlainSdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The DynamoDB event log holds the event log contract against a real DynamoDB-API server
 * (dynalite), keeps the Go project's item layout, and survives crashes while creating a
 * stream.
 */
class DynamoDbEventLogIntegrationTests extends EventLogContractTests {

	private final CrashingInterceptor crashes = new CrashingInterceptor();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient(this.crashes);

	private String tableName;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected EventLog newEventLog(Clock clock, int pageSize) {
		this.tableName = DynamoDbTestServer.uniqueTableName("events");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.tableName, this.tableName + "_snapshots"))
			.createMissing();
		return DynamoDbEventLog.builder(this.client).tableName(this.tableName).clock(clock).pageSize(pageSize).build();
	}

	@Test
	void entriesAreStoredInTheGoProjectsItemLayout() {
		EventLog log = bankLog();
		log.appendAfter(BANK.at(0), BankEvents.CODEC
			.encode(List.of(Event.of(new Deposited("a1", 100), EventMeta.of(T0, "u987")))));

		Map<String, AttributeValue> started = rawItem(BANK.at(0));
		assertThat(started).containsOnlyKeys("s", "v", "d", "i", "f", "ft");
		assertThat(started.get("i").b().asByteArray()).as("the id of the call that created the stream").hasSize(16);
		assertThat(started.get("s").s()).isEqualTo("/bank");
		assertThat(started.get("v").n()).isEqualTo("0");
		assertThat(started.get("d").b().asByteArray()).isEqualTo(
				bytes(1, "{\"_\":\"$stream.Started\",\"t\":\"2020-08-20T08:55:00.123Z\"} {}"));

		Map<String, AttributeValue> deposited = rawItem(BANK.at(1));
		assertThat(deposited).containsOnlyKeys("s", "v", "d", "i", "f", "ft");
		assertThat(deposited.get("f").s()).as("the change feed's partition").isEqualTo("/bank#14");
		assertThat(deposited.get("ft").n()).as("the writer's clock").isEqualTo("1597913700123");
		assertThat(deposited.get("i").b().asByteArray()).as("the commit id").hasSize(16);
		assertThat(deposited.get("v").n()).isEqualTo("1");
		assertThat(deposited.get("d").b().asByteArray()).isEqualTo(bytes(3,
				"{\"_\":\"account.Deposited\",\"t\":\"2020-08-20T08:55:00.123Z\",\"u\":\"u987\"} {\"id\":\"a1\",\"amount\":100}"));

		assertThat(rawItem(StreamName.root().at(1))).as("the root's entries are not in the change feed")
			.containsOnlyKeys("s", "v", "d", "i");
		assertThat(rawItem(StreamName.root().at(1)).get("d").b().asByteArray()).isEqualTo(bytes(1,
				"{\"_\":\"$stream.ChildStreamCreated\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Stream\":\"/bank\"}"));
	}

	@Test
	void aCommandRecordIsStoredInAttributesKAndRBesideTheGoProjectsOnes() {
		EventLog log = bankLog();
		LogData data = BankEvents.CODEC.encode(List.of(Event.of(new Deposited("a1", 100), EventMeta.of(T0, "u987"))));

		log.appendAfter(BANK.at(0), data, new CommandRecord(IdempotencyKey.of("order-7f3a"), "{\"balance\":100}"));
		log.appendAfter(BANK.at(1), data, new CommandRecord(IdempotencyKey.of("order-7f3b"), null));

		Map<String, AttributeValue> withResult = rawItem(BANK.at(1));
		assertThat(withResult).containsOnlyKeys("s", "v", "d", "i", "k", "r", "f", "ft");
		assertThat(withResult.get("k").s()).isEqualTo("order-7f3a");
		assertThat(withResult.get("r").s()).isEqualTo("{\"balance\":100}");
		assertThat(withResult.get("d").b().asByteArray()).isEqualTo(bytes(3,
				"{\"_\":\"account.Deposited\",\"t\":\"2020-08-20T08:55:00.123Z\",\"u\":\"u987\"} {\"id\":\"a1\",\"amount\":100}"));
		Map<String, AttributeValue> withoutResult = rawItem(BANK.at(2));
		assertThat(withoutResult).containsOnlyKeys("s", "v", "d", "i", "k", "f", "ft");
		assertThat(withoutResult.get("k").s()).isEqualTo("order-7f3b");
	}

	@Test
	void aCrashBeforeAnnouncingLeavesAStreamThatDoesNotExistUntilCreatedAgain() {
		EventLog log = newEventLog();
		log.bootstrap();
		this.crashes.crashBeforeSending((request) -> request instanceof PutItemRequest put
				&& put.item().get("s").s().equals("/"));

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> log.createStream(BANK));

		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.read(BANK.beginning()))
			.withMessageContaining("is being created");
		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.head(BANK));
		assertThatExceptionOfType(StreamNotFoundException.class)
			.isThrownBy(() -> log.appendAfter(BANK.at(0), deposit("a1", 1)));
		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.createStream(BANK.child("eu")));
		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted());

		assertThat(log.createStream(BANK)).isEqualTo(BANK.at(0));

		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank"));
		assertThat(payloads(readAll(log, BANK))).containsExactly(new StreamStarted());
		assertThat(rawItem(BANK.at(0))).containsOnlyKeys("s", "v", "d", "i", "f", "ft");
	}

	@Test
	void aCrashAfterAnnouncingIsFinishedWithoutASecondAnnouncement() {
		EventLog log = newEventLog();
		log.bootstrap();
		this.crashes.crashBeforeSending((request) -> request instanceof UpdateItemRequest);

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> log.createStream(BANK));
		assertThatExceptionOfType(StreamNotFoundException.class).isThrownBy(() -> log.read(BANK.beginning()));
		log.append(StreamName.root(), deposit("unrelated", 1));

		assertThat(log.createStream(BANK)).isEqualTo(BANK.at(0));

		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank"), new Deposited("unrelated", 1));
		assertThat(log.appendAfter(BANK.at(0), deposit("a1", 1))).isEqualTo(BANK.at(1));
	}

	@Test
	void anAnnouncementWhoseAnswerWasLostIsNotRepeated() {
		EventLog log = newEventLog();
		log.bootstrap();
		this.crashes.crashAfterExecuted((request) -> request instanceof PutItemRequest put
				&& put.item().get("s").s().equals("/"));

		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> log.createStream(BANK));

		assertThat(log.createStream(BANK)).isEqualTo(BANK.at(0));
		assertThat(payloads(readAll(log, StreamName.root()))).containsExactly(new StreamStarted(),
				new ChildStreamCreated("/bank"));
	}

	@Test
	void aPutWhoseAnswerWasLostIsRecognisedAsOursNotWrittenTwice() {
		EventLog log = bankLog();
		this.crashes.loseAnswerOnce((request) -> request instanceof PutItemRequest put
				&& put.item().get("v").n().equals("1"));

		Cursor written = log.appendAfter(BANK.at(0), deposit("a1", 5));

		assertThat(written).isEqualTo(BANK.at(1));
		assertThat(payloads(readAll(log, BANK))).containsExactly(new StreamStarted(), new Deposited("a1", 5));
	}

	@Test
	void anotherInstanceSeesAppendsAtOnce() {
		EventLog writer = bankLog();
		EventLog reader = DynamoDbEventLog.builder(this.client).tableName(this.tableName).build();

		for (int i = 1; i <= 20; i++) {
			Cursor written = writer.append(BANK, deposit("a1", i));
			assertThat(reader.read(written.stream().at(written.version() - 1)).entries()).singleElement()
				.satisfies((entry) -> assertThat(entry.cursor()).isEqualTo(written));
			assertThat(reader.head(BANK)).isEqualTo(written);
		}
	}

	@Test
	void pagesStopAtOneMegabyteAndReadingStillYieldsEverything() {
		EventLog log = bankLog();
		LogData large = BankEvents.CODEC
			.encode(List.of(Event.of(new Opened("a1", "x".repeat(100 * 1024)), EventMeta.system(T0))));
		for (int i = 0; i < 25; i++) {
			log.append(BANK, large);
		}

		ReadResult first = log.read(BANK.beginning());

		assertThat(first.entries().size()).as("entries of about 100 KB in a 1 MB page").isBetween(9, 12);
		assertThat(first.more()).isTrue();
		assertThat(readAll(log, BANK)).extracting((entry) -> entry.cursor().version())
			.containsExactlyElementsOf(LongStream.rangeClosed(0, 25).boxed().toList());
	}

	@Test
	void consumedCapacityIsReportedPerTableAndOperation() {
		List<String> consumed = new CopyOnWriteArrayList<>();
		EventLog log = bankLog();
		EventLog metered = DynamoDbEventLog.builder(this.client).tableName(this.tableName).listener(new DynamoDbListener() {
			@Override
			public void capacityConsumed(String table, String operation, double capacityUnits) {
				consumed.add(table.equals(DynamoDbEventLogIntegrationTests.this.tableName) + " " + operation + " "
						+ (capacityUnits > 0));
			}
		}).build();

		metered.append(BANK, deposit("a1", 1));
		metered.read(BANK.beginning());

		// The head's Query makes the cursor known, so the append needs no GetItem.
		assertThat(consumed).containsExactly("true Query true", "true PutItem true", "true Query true");
		assertThat(log.head(BANK)).isEqualTo(BANK.at(1));
	}

	@Test
	void aMissingTableIsReportedByName() {
		EventLog log = DynamoDbEventLog.builder(this.client).tableName("no_such_table").build();

		assertThatExceptionOfType(MissingTableException.class).isThrownBy(log::bootstrap)
			.withMessageStartingWith("DynamoDB table \"no_such_table\" does not exist");
		assertThatExceptionOfType(MissingTableException.class).isThrownBy(() -> log.read(BANK.beginning()));
	}

	private Map<String, AttributeValue> rawItem(Cursor cursor) {
		return PlainSdk.storedItem(this.client, this.tableName, cursor);
	}

	private static byte[] bytes(int kind, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] stored = new byte[payload.length + 1];
		stored[0] = (byte) kind;
		System.arraycopy(payload, 0, stored, 1, payload.length);
		return stored;
	}

}
