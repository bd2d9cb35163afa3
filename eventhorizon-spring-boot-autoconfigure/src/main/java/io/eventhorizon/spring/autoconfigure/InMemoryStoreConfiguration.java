package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: events and snapshots in memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(Store.IN_MEMORY)
class InMemoryStoreConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(InMemoryStoreConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(EventLog.class)
	InMemoryEventLog eventHorizonEventLog() {
		logger.info("EventHorizon keeps events in memory (eventhorizon.store=in-memory): "
				+ "for one instance, lost on exit; set eventhorizon.store=dynamodb to share them");
		return new InMemoryEventLog();
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotStore.class)
	InMemorySnapshotStore eventHorizonSnapshotStore(EventHorizonProperties properties) {
		return new InMemorySnapshotStore(properties.getSnapshots().sizeLimit());
	}

}
