package io.eventhorizon.spring.autoconfigure.metrics;

import java.time.Clock;

import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import io.eventhorizon.spring.metrics.EventHorizonMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link EventHorizonMetrics}, when
 * the application has a {@link MeterRegistry}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EventHorizonAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "management.metrics.eventhorizon.enabled", matchIfMissing = true)
public final class EventHorizonMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventHorizonMetrics eventHorizonMetrics(MeterRegistry registry) {
		return new EventHorizonMetrics(registry, Clock.systemUTC());
	}

}
