package io.eventhorizon.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.event.MetaEvents.StreamStarted;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meta entry (kind 1) holds meta events only: an application event found in one is
 * skipped, as the Go project's readers skip it, so that both agree on the same table.
 */
class ReaderMetaEntryTests {

	private static final StreamName BANK = StreamName.of("/bank");

	// Written by hand, as a writer that does not keep to the format could have written it.
	private static final String META_ENTRY = """
			{"_":"$stream.ChildStreamCreated","t":"2020-08-20T08:55:00.123Z"} {"Stream":"/bank/a1"}
			{"_":"account.Deposited","t":"2020-08-20T08:55:00.123Z"} {"id":"a1","amount":500}""";

	private static final String DATA_ENTRY = """
			{"_":"account.Deposited","t":"2020-08-20T08:56:00Z"} {"id":"a1","amount":500}""";

	@Test
	void processorsSeeOnlyTheMetaEventsOfAMetaEntryInMemory() {
		processorsSeeOnlyTheMetaEventsOfAMetaEntry(new InMemoryEventLog());
	}

	@Test
	void processorsSeeOnlyTheMetaEventsOfAMetaEntryOnDynamoDb() {
		DynamoDbClient client = DynamoDbTestServer.get().newClient();
		String table = DynamoDbTestServer.uniqueTableName("meta");
		new DynamoDbTables(client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();

		processorsSeeOnlyTheMetaEventsOfAMetaEntry(DynamoDbEventLog.builder(client).tableName(table).build());
	}

	private void processorsSeeOnlyTheMetaEventsOfAMetaEntry(EventLog eventLog) {
		eventLog.bootstrap();
		eventLog.createStream(BANK);
		eventLog.append(BANK, LogData.of(LogDataKind.META, META_ENTRY.getBytes(StandardCharsets.UTF_8)));
		eventLog.append(BANK, LogData.of(LogDataKind.DATA, DATA_ENTRY.getBytes(StandardCharsets.UTF_8)));
		Everything everything = new Everything(BANK);
		Reader reader = Reader.builder(everything, eventLog).build();

		reader.loadUntilRealtime();

		assertThat(everything.payloads).containsExactly(new StreamStarted(), new ChildStreamCreated("/bank/a1"),
				new Deposited("a1", 500));
		assertThat(reader.stats().skippedEventsByType()).isEqualTo(Map.of("account.Deposited", 1L));
		assertThat(reader.stats().cursor()).isEqualTo(BANK.at(2));
	}

	/** Notes every payload it is handed. */
	static final class Everything extends InMemoryProcessor {

		final List<Object> payloads = new CopyOnWriteArrayList<>();

		Everything(StreamName stream) {
			super(stream);
		}

		@Override
		public EventTypes eventTypes() {
			return BankEvents.TYPES;
		}

		@Override
		protected void apply(Event event) {
			this.payloads.add(event.payload());
		}

	}

}
