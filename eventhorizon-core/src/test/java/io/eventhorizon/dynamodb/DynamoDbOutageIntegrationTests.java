package io.eventhorizon.dynamodb;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import io.eventhorizon.client.BankAccountHistory;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB stops and starts again (with its data) while a writer appends and a processor
 * synchronizes: the writer gets errors or successes, nothing acknowledged is lost or
 * doubled, and the processor resumes where it was, equal to a fresh replay.
 */
class DynamoDbOutageIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	@Test
	void nothingAcknowledgedIsLostAndTheProcessorResumes(@TempDir Path data) throws Exception {
		try (DynamoDbTestServer.Dedicated dynamoDb = DynamoDbTestServer.dedicated(data);
				DynamoDbClient client = quickClient(dynamoDb)) {
			String table = DynamoDbTestServer.uniqueTableName("outage");
			new DynamoDbTables(client, new DynamoDbTableNames(table, table + "_snapshots")).createMissing();
			EventLog log = DynamoDbEventLog.builder(client).tableName(table).build();
			log.bootstrap();
			log.createStream(BANK);
			BankAccountHistory account = new BankAccountHistory(BANK);
			Reader reader = Reader.builder(account, log).build();
			Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
			List<Long> refused = new ArrayList<>();
			AtomicBoolean writing = new AtomicBoolean(true);
			Thread synchronizer = new Thread(() -> {
				while (writing.get()) {
					try {
						reader.loadUntilRealtime();
					}
					catch (RuntimeException ex) {
						// The outage: try again.
					}
				}
			});
			synchronizer.start();

			for (long i = 1; i <= 120; i++) {
				if (i == 40) {
					dynamoDb.stop();
				}
				if (i == 60) {
					dynamoDb.restart();
				}
				try {
					log.append(BANK, BankEvents.CODEC
						.encode(List.of(Event.of(new Deposited("a1", i), EventMeta.system(Instant.EPOCH)))));
					acknowledged.add(i);
				}
				catch (RuntimeException ex) {
					refused.add(i);
				}
			}
			writing.set(false);
			synchronizer.join(Duration.ofMinutes(1).toMillis());
			reader.loadUntilRealtime();

			assertThat(refused).as("the writer saw the outage").isNotEmpty();
			assertThat(acknowledged).as("and wrote before and after it").hasSizeGreaterThan(80);
			Map<Long, Integer> stored = new HashMap<>();
			StreamContents.payloads(log, BankEvents.CODEC, BANK)
				.stream()
				.filter((payload) -> payload instanceof Deposited)
				.forEach((payload) -> stored.merge(((Deposited) payload).amount(), 1, Integer::sum));
			assertThat(acknowledged).allSatisfy((i) -> assertThat(stored.get(i)).as("commit %s", i).isEqualTo(1));
			assertThat(stored.values()).allSatisfy((count) -> assertThat(count).isEqualTo(1));
			assertThat(StreamContents.versions(log, BANK)).containsExactlyElementsOf(
					LongStream.rangeClosed(0, stored.size()).boxed().toList());
			BankAccountHistory replay = new BankAccountHistory(BANK);
			Reader.builder(replay, log).build().loadUntilRealtime();
			assertThat(account.history()).isEqualTo(replay.history());
		}
	}

	private static DynamoDbClient quickClient(DynamoDbTestServer.Dedicated dynamoDb) {
		return DynamoDbClient.builder()
			.endpointOverride(dynamoDb.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.overrideConfiguration((config) -> config.retryStrategy((retry) -> retry.maxAttempts(2)
				.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(20)))))
			.build();
	}

}
