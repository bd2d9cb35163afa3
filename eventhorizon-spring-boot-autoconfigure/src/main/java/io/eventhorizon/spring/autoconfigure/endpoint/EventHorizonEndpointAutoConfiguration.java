package io.eventhorizon.spring.autoconfigure.endpoint;

import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link EventHorizonEndpoint}
 * ({@code /actuator/eventhorizon}, once exposed; read-only unless
 * {@code management.endpoint.eventhorizon.access=unrestricted}). Rebuilds run on threads
 * of their own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EventHorizonAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
public final class EventHorizonEndpointAutoConfiguration {

	// Nested, so that the actuator's own condition is read only when the actuator exists.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EventProcessorRegistry.class)
	@ConditionalOnAvailableEndpoint(EventHorizonEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EventHorizonEndpoint eventHorizonEndpoint(EventProcessorRegistry registry,
				ObjectProvider<EventHorizonSynchronizer> synchronizer) {
			SimpleAsyncTaskExecutor rebuilds = new SimpleAsyncTaskExecutor("eventhorizon-rebuild-");
			// A rebuild of a read model in memory leaves nothing half-written behind.
			rebuilds.setDaemon(true);
			return new EventHorizonEndpoint(registry, synchronizer.getIfAvailable(), rebuilds);
		}

	}

}
