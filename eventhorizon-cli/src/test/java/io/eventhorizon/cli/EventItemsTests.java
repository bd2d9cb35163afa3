package io.eventhorizon.cli;

import java.util.List;
import java.util.Map;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The attribute names that {@link EventItems} reads are those the library writes.
 */
class EventItemsTests {

	private final CliSession session = CliSession.withTables("cli_items");

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void anAppendedEntryHasTheStreamVersionDataAndFeedTimeAttributes() {
		DynamoDbEventLog eventLog = this.session.eventLog();
		eventLog.bootstrap();
		eventLog.createStream(StreamName.of("/bank"));
		eventLog.append(StreamName.of("/bank"), LogData.ofLines(LogDataKind.DATA,
				List.of("{\"_\":\"Opened\",\"t\":\"2026-01-01T00:00:00Z\"} {}")));

		Map<String, AttributeValue> appended = onlyItem("/bank", 1);

		assertThat(appended.get(EventItems.STREAM).s()).isEqualTo("/bank");
		assertThat(appended.get(EventItems.VERSION).n()).isEqualTo("1");
		assertThat(appended.get(EventItems.DATA).b().asByteArray()[0]).isEqualTo((byte) 3);
		assertThat(appended.get(EventItems.FEED_TIME).n()).matches("[0-9]+");
		assertThat(appended).doesNotContainKey(EventItems.PENDING_AFTER);
	}

	@Test
	void aStreamWhoseCreationStoppedAfterItsFirstPutHasThePendingAttributeOnItsFirstEntry() {
		DynamoDbEventLog eventLog = this.session.eventLog();
		eventLog.bootstrap();
		try (DynamoDbClient failingAfterTheMarker = this.session.server().newClient(failingAfterFirstPut())) {
			DynamoDbEventLog crashing = DynamoDbEventLog.builder(failingAfterTheMarker)
				.tableName(this.session.eventsTable())
				.build();
			assertThatException().isThrownBy(() -> crashing.createStream(StreamName.of("/bank")));
		}

		Map<String, AttributeValue> marker = onlyItem("/bank", 0);

		assertThat(marker.get(EventItems.PENDING_AFTER).n()).isEqualTo("0");
		assertThat(marker.get(EventItems.FEED_TIME).n()).matches("[0-9]+");
	}

	private Map<String, AttributeValue> onlyItem(String stream, long version) {
		try (var items = new EventItems(this.session.client(), this.session.eventsTable())
			.query(StreamName.of(stream))) {
			return items.filter((item) -> Long.toString(version).equals(item.get(EventItems.VERSION).n()))
				.findFirst()
				.orElseThrow();
		}
	}

	private static ExecutionInterceptor failingAfterFirstPut() {
		return new ExecutionInterceptor() {

			private volatile boolean put;

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				SdkRequest request = context.request();
				if (this.put) {
					throw new IllegalStateException("The process died");
				}
				this.put = request instanceof PutItemRequest;
			}

		};
	}

}
