package io.eventhorizon.spring.autoconfigure;

import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbListener;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.dynamodb.RetriedAttempts;
import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Events and snapshots in DynamoDB, on the application's {@link DynamoDbClient} (such as
 * Spring Cloud AWS's), or on one built from {@code eventhorizon.dynamodb.endpoint} and
 * {@code region} when there is none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(Store.DYNAMODB)
class DynamoDbStoreConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbStoreConfiguration.class);

	@Bean
	LateBoundBeans<DynamoDbListener> eventHorizonDynamoDbListeners(ObjectProvider<DynamoDbListener> listeners) {
		return new LateBoundBeans<>(listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbClient eventHorizonDynamoDbClient(EventHorizonProperties properties,
			LateBoundBeans<DynamoDbListener> listeners) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new RetriedAttempts(listener(listeners))));
		if (properties.getDynamodb().getEndpoint() != null) {
			builder.endpointOverride(properties.getDynamodb().getEndpoint());
		}
		if (properties.getDynamodb().getRegion() != null) {
			builder.region(Region.of(properties.getDynamodb().getRegion()));
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbTables eventHorizonDynamoDbTables(DynamoDbClient client, EventHorizonProperties properties) {
		return new DynamoDbTables(client, tableNames(properties));
	}

	@Bean
	@ConditionalOnMissingBean(EventLog.class)
	DynamoDbEventLog eventHorizonEventLog(DynamoDbClient client, EventHorizonProperties properties,
			LateBoundBeans<DynamoDbListener> listeners) {
		EventHorizonProperties.DynamoDb dynamodb = properties.getDynamodb();
		logger.info("EventHorizon keeps events in DynamoDB tables {} and {} (eventhorizon.store=dynamodb)",
				dynamodb.getEventsTable(), dynamodb.getSnapshotsTable());
		return DynamoDbEventLog.builder(client)
			.tableName(dynamodb.getEventsTable())
			.pageSize(dynamodb.getPageSize())
			.consistentReads(dynamodb.isConsistentReads())
			.listener(listener(listeners, dynamodb.isConsumedCapacityMetrics()))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotStore.class)
	DynamoDbSnapshotStore eventHorizonSnapshotStore(DynamoDbClient client, EventHorizonProperties properties,
			LateBoundBeans<DynamoDbListener> listeners) {
		return new DynamoDbSnapshotStore(client, properties.getDynamodb().getSnapshotsTable(),
				listener(listeners, properties.getDynamodb().isConsumedCapacityMetrics()),
				properties.getSnapshots().sizeLimit());
	}

	private static DynamoDbListener listener(LateBoundBeans<DynamoDbListener> listeners) {
		return listener(listeners, false);
	}

	private static DynamoDbListener listener(LateBoundBeans<DynamoDbListener> listeners,
			boolean wantsConsumedCapacity) {
		return new DynamoDbListener() {

			@Override
			public boolean wantsConsumedCapacity() {
				return wantsConsumedCapacity;
			}

			@Override
			public void capacityConsumed(String table, String operation, double capacityUnits) {
				listeners.forEach((listener) -> listener.capacityConsumed(table, operation, capacityUnits));
			}

			@Override
			public void throttled(String table, String operation) {
				listeners.forEach((listener) -> listener.throttled(table, operation));
			}

			@Override
			public void attemptFailed(String table, String operation, String reason) {
				listeners.forEach((listener) -> listener.attemptFailed(table, operation, reason));
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(TablesAtStartupCondition.class)
	EventHorizonTablesInitializer eventHorizonTablesInitializer(DynamoDbTables tables,
			EventHorizonProperties properties) {
		return new EventHorizonTablesInitializer(tables, properties.getDynamodb().isCreateTables());
	}

	private static DynamoDbTableNames tableNames(EventHorizonProperties properties) {
		return new DynamoDbTableNames(properties.getDynamodb().getEventsTable(),
				properties.getDynamodb().getSnapshotsTable());
	}

	/**
	 * Lets EventHorizon see every attempt of Spring Cloud AWS's client, retries included.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer")
	static class SpringCloudAwsClientConfiguration {

		@Bean
		DynamoDbClientCustomizer eventHorizonDynamoDbClientCustomizer(LateBoundBeans<DynamoDbListener> listeners) {
			return (builder) -> builder.overrideConfiguration(builder.overrideConfiguration()
				.toBuilder()
				.addExecutionInterceptor(new RetriedAttempts(listener(listeners)))
				.build());
		}

	}

	static final class TablesAtStartupCondition extends AnyNestedCondition {

		TablesAtStartupCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("eventhorizon.dynamodb.create-tables")
		static final class CreateTables {

		}

		@ConditionalOnBooleanProperty("eventhorizon.dynamodb.verify-tables")
		static final class VerifyTables {

		}

	}

}
