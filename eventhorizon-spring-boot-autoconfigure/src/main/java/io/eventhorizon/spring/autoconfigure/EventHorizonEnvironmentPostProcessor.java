package io.eventhorizon.spring.autoconfigure;

import java.util.Map;

import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets an application on the embedded in-memory store start with no AWS configuration: the
 * starter brings Spring Cloud AWS's DynamoDB client, which would look up an AWS region at
 * startup. With {@code eventhorizon.store} absent or {@code in-memory}, and
 * {@code spring.cloud.aws.dynamodb.enabled} not set, it defaults that property to
 * {@code false}. Any explicit setting wins.
 *
 * @since 0.1.0
 */
public class EventHorizonEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SPRING_CLOUD_AWS_DYNAMODB_ENABLED = "spring.cloud.aws.dynamodb.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(SPRING_CLOUD_AWS_DYNAMODB_ENABLED)) {
			return;
		}
		Binder binder = Binder.get(environment);
		try {
			boolean enabled = binder.bind("eventhorizon.enabled", Boolean.class).orElse(true);
			Store store = binder.bind("eventhorizon.store", Store.class).orElse(Store.IN_MEMORY);
			if (!enabled || store != Store.IN_MEMORY) {
				return;
			}
		}
		catch (BindException ex) {
			// A bad value: the auto-configuration reports it.
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("eventhorizonInMemoryDefaults",
					Map.of(SPRING_CLOUD_AWS_DYNAMODB_ENABLED, "false")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
