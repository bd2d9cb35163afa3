package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded default: events and snapshots in memory. Started outside tests without
 * {@code eventhorizon.store} set, it warns that the events will be lost at shutdown.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(Store.IN_MEMORY)
class InMemoryStoreConfiguration {

	private static final String STORE_PROPERTY = "eventhorizon.store";

	private static final Logger logger = LoggerFactory.getLogger(InMemoryStoreConfiguration.class);

	@Bean
	@ConditionalOnClass(name = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
	static SpringCloudAwsDynamoDbBeansOnDemand eventHorizonSpringCloudAwsDynamoDbBeansOnDemand() {
		return new SpringCloudAwsDynamoDbBeansOnDemand();
	}

	@Bean
	@ConditionalOnMissingBean(EventLog.class)
	InMemoryEventLog eventHorizonEventLog(Environment environment) {
		if (environment.containsProperty(STORE_PROPERTY) || StartedFromTests.currentThread()) {
			logger.info("EventHorizon keeps events in memory (eventhorizon.store=in-memory): "
					+ "for one instance, lost on exit; set eventhorizon.store=dynamodb to share them");
		}
		else {
			// An application that forgot the property would otherwise lose its events unnoticed.
			logger.warn("EventHorizon keeps events in memory because eventhorizon.store is not set: they will be lost "
					+ "at shutdown and are not shared with other instances. Set eventhorizon.store=dynamodb to keep "
					+ "them in DynamoDB, or eventhorizon.store=in-memory to keep them in memory without this warning");
		}
		return new InMemoryEventLog();
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotStore.class)
	InMemorySnapshotStore eventHorizonSnapshotStore(EventHorizonProperties properties) {
		return new InMemorySnapshotStore(properties.getSnapshots().sizeLimit());
	}

}
