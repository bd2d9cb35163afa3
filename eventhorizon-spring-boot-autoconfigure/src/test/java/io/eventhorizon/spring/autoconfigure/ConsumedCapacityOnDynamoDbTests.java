package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventhorizon.dynamodb.consumed-capacity-metrics} decides what EventHorizon's
 * requests ask of DynamoDB, as the SDK sends them to dynalite: the consumed capacity of
 * each by default, none when the property is false.
 */
class ConsumedCapacityOnDynamoDbTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
				BankFixtures.class.getPackageName()))
		.withUserConfiguration(RecordingClientConfiguration.class)
		.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.synchronizer.enabled=false",
				"eventhorizon.create-streams=false");

	@Test
	void byDefaultEveryRequestAsksForTheCapacityItConsumed() {
		onFreshTables().run((context) -> {
			RecordingClientConfiguration client = context.getBean(RecordingClientConfiguration.class);

			writeAndReadEventsAndASnapshot(context.getBean(EventLog.class), context.getBean(SnapshotStore.class),
					context.getBean(EventLineCodec.class));

			assertThat(client.asked).as("ReturnConsumedCapacity of every request").isNotEmpty()
				.containsOnly(ReturnConsumedCapacity.TOTAL);
		});
	}

	@Test
	void turnedOffNoRequestAsksForTheCapacityItConsumed() {
		onFreshTables().withPropertyValues("eventhorizon.dynamodb.consumed-capacity-metrics=false").run((context) -> {
			RecordingClientConfiguration client = context.getBean(RecordingClientConfiguration.class);

			writeAndReadEventsAndASnapshot(context.getBean(EventLog.class), context.getBean(SnapshotStore.class),
					context.getBean(EventLineCodec.class));

			assertThat(client.asked).as("ReturnConsumedCapacity of every request").isNotEmpty()
				.containsOnly(ReturnConsumedCapacity.NONE);
		});
	}

	private ApplicationContextRunner onFreshTables() {
		String tables = DynamoDbTestServer.uniqueTableName("capacity");
		try (DynamoDbClient client = DynamoDbTestServer.get().newClient()) {
			new DynamoDbTables(client, new DynamoDbTableNames(tables + "_events", tables + "_snapshots")).createMissing();
		}
		return this.runner.withPropertyValues("eventhorizon.dynamodb.events-table=" + tables + "_events",
				"eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots");
	}

	// A call of every kind: the bootstrap's and create-stream's writes, appends at the head
	// and after a cursor, reads of a page and of the head, and a snapshot's write and read.
	private static void writeAndReadEventsAndASnapshot(EventLog log, SnapshotStore snapshots, EventLineCodec codec) {
		log.bootstrap();
		log.createStream(BANK);
		LogData deposit = codec.encode(List.of(Event.of(new Deposited("a1", 5), EventMeta.system(Instant.EPOCH))));
		Cursor first = log.append(BANK, deposit);
		log.appendAfter(first, deposit);
		log.read(BANK.at(-1));
		log.head(BANK);
		SnapshotPerspective perspective = SnapshotPerspective.v1("accounts");
		snapshots.write(Snapshot.of(first, perspective, "{}".getBytes(StandardCharsets.UTF_8)));
		snapshots.read(BANK, perspective);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingClientConfiguration {

		final Queue<ReturnConsumedCapacity> asked = new ConcurrentLinkedQueue<>();

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return DynamoDbTestServer.get().newClient(new ExecutionInterceptor() {

				@Override
				public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
					SdkRequest request = context.request();
					request.getValueForField("ReturnConsumedCapacity", String.class)
						.map(ReturnConsumedCapacity::fromValue)
						.ifPresentOrElse(RecordingClientConfiguration.this.asked::add,
								() -> RecordingClientConfiguration.this.asked.add(ReturnConsumedCapacity.UNKNOWN_TO_SDK_VERSION));
				}

			});
		}

	}

}
