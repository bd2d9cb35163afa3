package io.eventhorizon.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The late index that tests inject: a record is hidden from the change feed while held or
 * younger than the delay, and shows up afterwards, while its entry is readable at once.
 */
class LateFeedInterceptorTests {

	private static final StreamName BANK = StreamName.root().child("bank");

	private static final StreamName ACCOUNT = BANK.child("acc-1");

	private final SettableClock clock = new SettableClock(Instant.parse("2020-08-20T08:55:00Z"));

	private final List<DynamoDbClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(DynamoDbClient::close);
	}

	@Test
	void aHeldRecordIsHiddenUntilReleasedWhileItsEntryIsReadAtOnce() {
		LateFeedInterceptor late = new LateFeedInterceptor();
		DynamoDbEventLog writer = logWith(late);
		DynamoDbEventLog reader = readerOf(writer, late);

		late.hold();
		writer.append(ACCOUNT, BankEvents.deposit(1));

		assertThat(StreamContents.entries(reader, ACCOUNT)).hasSize(2);
		assertThat(FeedContents.all(feed(reader), BANK)).extracting(FeedRecord::entry)
			.containsExactly(ACCOUNT.at(0));
		assertThat(late.hiddenCount()).isEqualTo(1);

		late.release();

		assertThat(FeedContents.all(feed(reader), BANK)).extracting(FeedRecord::entry)
			.containsExactlyInAnyOrder(ACCOUNT.at(0), ACCOUNT.at(1));
	}

	@Test
	void aRecordYoungerThanTheDelayIsHiddenUntilTheClockPassesIt() {
		LateFeedInterceptor late = new LateFeedInterceptor(Duration.ofSeconds(5), this.clock);
		DynamoDbEventLog writer = logWith(late);
		DynamoDbEventLog reader = readerOf(writer, late);
		this.clock.advance(Duration.ofSeconds(5));

		writer.append(ACCOUNT, BankEvents.deposit(1));
		this.clock.advance(Duration.ofMillis(4999));

		assertThat(FeedContents.all(feed(reader), BANK)).extracting(FeedRecord::entry)
			.containsExactly(ACCOUNT.at(0));

		this.clock.advance(Duration.ofMillis(1));

		assertThat(FeedContents.all(feed(reader), BANK)).extracting(FeedRecord::entry)
			.containsExactlyInAnyOrder(ACCOUNT.at(0), ACCOUNT.at(1));
	}

	private DynamoDbEventLog logWith(LateFeedInterceptor late) {
		DynamoDbClient client = client(late);
		DynamoDbEventLog fresh = FreshEventLogs.on(client, "late");
		DynamoDbEventLog log = DynamoDbEventLog.builder(client).tableName(fresh.tableName()).clock(this.clock).build();
		log.bootstrap();
		log.createStream(BANK);
		log.createStream(ACCOUNT);
		return log;
	}

	// Another instance, on a client of its own: what it hides, it learnt from the writer's.
	private DynamoDbEventLog readerOf(DynamoDbEventLog writer, LateFeedInterceptor late) {
		return DynamoDbEventLog.builder(client(late)).tableName(writer.tableName()).build();
	}

	private DynamoDbClient client(LateFeedInterceptor late) {
		DynamoDbClient client = DynamoDbTestServer.get().newClient(late);
		this.clients.add(client);
		return client;
	}

	private static ChangeFeed feed(DynamoDbEventLog log) {
		return log.changeFeed().orElseThrow();
	}

}
