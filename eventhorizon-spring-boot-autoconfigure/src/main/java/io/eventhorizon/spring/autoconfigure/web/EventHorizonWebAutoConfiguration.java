package io.eventhorizon.spring.autoconfigure.web;

import io.eventhorizon.spring.web.EventHorizonProblemDetails;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link EventHorizonProblemDetails}:
 * opt-in ({@code eventhorizon.web.problem-details.enabled=true}), in a Spring MVC
 * application.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBooleanProperty("eventhorizon.web.problem-details.enabled")
@EnableConfigurationProperties(EventHorizonWebProperties.class)
public final class EventHorizonWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventHorizonProblemDetails eventHorizonProblemDetails(EventHorizonWebProperties properties) {
		return new EventHorizonProblemDetails(properties.getProblemDetails().getRetryAfter());
	}

}
