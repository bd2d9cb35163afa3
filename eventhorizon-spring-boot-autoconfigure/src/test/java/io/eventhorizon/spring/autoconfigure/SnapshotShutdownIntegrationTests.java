package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.SnapshotState;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot write still in flight when the application shuts down is finished and stored
 * before the DynamoDB client closes. An SDK interceptor holds the write until the shutdown
 * has begun destroying beans.
 */
class SnapshotShutdownIntegrationTests {

	private static final String TABLES = DynamoDbTestServer.uniqueTableName("shutdown");

	private static final HeldSnapshotWrite heldWrite = new HeldSnapshotWrite(TABLES + "_snapshots");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withUserConfiguration(SavingsConfiguration.class)
		.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.events-table=" + TABLES + "_events",
				"eventhorizon.dynamodb.snapshots-table=" + TABLES + "_snapshots", "eventhorizon.create-streams=true",
				"eventhorizon.synchronizer.enabled=false", "eventhorizon.snapshots.min-interval=0s");

	@Test
	void aSnapshotWriteInFlightWhenTheContextClosesIsFinishedAndStored() {
		try (DynamoDbClient client = DynamoDbTestServer.get().newClient()) {
			new DynamoDbTables(client, new DynamoDbTableNames(TABLES + "_events", TABLES + "_snapshots")).createMissing();
		}
		this.runner.run((context) -> {
			context.getBean(EventHorizonTemplate.class).append("/savings", new Deposited("a1", 9));
			context.getBean(EventProcessorRegistry.class).byName("savings").orElseThrow().reader().loadUntilRealtime();
			assertThat(heldWrite.writing.await(10, TimeUnit.SECONDS)).as("the snapshot write has begun").isTrue();

			context.close();

			assertThat(heldWrite.written.getCount()).as("the write finished before the shutdown ended").isZero();
		});
		try (DynamoDbClient client = DynamoDbTestServer.get().newClient()) {
			Optional<Snapshot> stored = new DynamoDbSnapshotStore(client, TABLES + "_snapshots")
				.read(StreamName.of("/savings"), SnapshotPerspective.parse("savings:v1"));
			assertThat(stored).hasValueSatisfying((snapshot) -> {
				assertThat(snapshot.cursor()).isEqualTo(StreamName.of("/savings").at(1));
				assertThat(new String(snapshot.data(), StandardCharsets.UTF_8)).isEqualTo("a1=9");
			});
		}
	}

	/** Holds the snapshot put until {@link #destroying} is counted down. */
	static final class HeldSnapshotWrite implements ExecutionInterceptor {

		final CountDownLatch writing = new CountDownLatch(1);

		final CountDownLatch destroying = new CountDownLatch(1);

		final CountDownLatch written = new CountDownLatch(1);

		private final String table;

		HeldSnapshotWrite(String table) {
			this.table = table;
		}

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (isSnapshotPut(context.request())) {
				this.writing.countDown();
				try {
					this.destroying.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			if (isSnapshotPut(context.request())) {
				this.written.countDown();
			}
		}

		private boolean isSnapshotPut(Object request) {
			return request instanceof PutItemRequest put && put.tableName().equals(this.table);
		}

	}

	/** Created after EventHorizon's beans, so destroyed before them: the shutdown has begun. */
	static final class ShutdownMarker implements DisposableBean {

		ShutdownMarker(EventProcessorRegistry registry) {
		}

		@Override
		public void destroy() {
			heldWrite.destroying.countDown();
		}

	}

	/** Totals per account; snapshots as "account=total" lines. */
	@EventProcessor(stream = "/savings", snapshotPerspective = "savings:v1")
	static class Savings implements SnapshotState {

		private final Map<String, Long> totals = new ConcurrentHashMap<>();

		@EventHandler
		void on(Deposited deposited) {
			this.totals.merge(deposited.id(), deposited.amount(), Long::sum);
		}

		@Override
		public byte[] snapshotState() {
			StringBuilder text = new StringBuilder();
			this.totals.forEach((id, total) -> text.append(id).append('=').append(total));
			return text.toString().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void restoreState(byte[] data) {
			throw new UnsupportedOperationException("not restored in this test");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SavingsConfiguration {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return DynamoDbTestServer.get().newClient(heldWrite);
		}

		@Bean
		Savings savings() {
			return new Savings();
		}

		@Bean
		ShutdownMarker shutdownMarker(EventProcessorRegistry registry) {
			return new ShutdownMarker(registry);
		}

	}

}
