package io.eventhorizon.spring.autoconfigure;

import java.util.Map;
import java.util.Objects;

import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Binds {@code eventhorizon.store} as the properties do (so {@code dynamodb},
 * {@code DYNAMODB} and {@code in-memory} all work) and compares it.
 */
class OnStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects
			.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnStore.class.getName()));
		Store wanted = (Store) attributes.get("value");
		Store configured = Binder.get(context.getEnvironment()).bind("eventhorizon.store", Store.class)
			.orElse(Store.IN_MEMORY);
		return (configured == wanted) ? ConditionOutcome.match("eventhorizon.store is " + configured)
				: ConditionOutcome.noMatch("eventhorizon.store is " + configured + ", not " + wanted);
	}

}
