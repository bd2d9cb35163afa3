package io.eventhorizon.spring.autoconfigure.health;

import java.time.Clock;

import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link EventHorizonHealthIndicator}.
 * It is not part of the readiness group unless added
 * ({@code management.endpoint.health.group.readiness.include=readinessState,eventHorizon}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EventHorizonAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.AbstractHealthIndicator",
		"org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
public final class EventHorizonHealthContributorAutoConfiguration {

	// Nested, so that the health module's own condition is read only when the module exists.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(EventProcessorRegistry.class)
	@ConditionalOnEnabledHealthIndicator("eventhorizon")
	@EnableConfigurationProperties(EventHorizonHealthProperties.class)
	static class IndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "eventHorizonHealthIndicator", "eventHorizonHealthContributor" })
		EventHorizonHealthIndicator eventHorizonHealthIndicator(EventProcessorRegistry registry,
				ObjectProvider<EventHorizonSynchronizer> synchronizer, EventHorizonHealthProperties properties) {
			return new EventHorizonHealthIndicator(registry, synchronizer.getIfAvailable(),
					properties.getMaxConsecutiveFailures(), properties.getStuckAfter(), Clock.systemUTC());
		}

	}

}
