package io.eventhorizon.spring.autoconfigure;

import java.util.List;

import io.eventhorizon.dynamodb.DynamoDbListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The application's {@link DynamoDbListener} beans, told of every DynamoDB call through
 * {@link #asListener()}. Until every singleton exists the beans are looked up at each call,
 * since metrics are configured after the store; from then on the list found is kept, so
 * that a call to DynamoDB does not search the bean factory.
 * <p>
 * Thread-safe.
 */
final class DynamoDbListeners implements SmartInitializingSingleton {

	private final ObjectProvider<DynamoDbListener> beans;

	private volatile @Nullable List<DynamoDbListener> found;

	DynamoDbListeners(ObjectProvider<DynamoDbListener> beans) {
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.found = this.beans.orderedStream().toList();
	}

	DynamoDbListener asListener() {
		return new DynamoDbListener() {

			@Override
			public void capacityConsumed(String table, String operation, double capacityUnits) {
				listeners().forEach((listener) -> listener.capacityConsumed(table, operation, capacityUnits));
			}

			@Override
			public void throttled(String table, String operation) {
				listeners().forEach((listener) -> listener.throttled(table, operation));
			}

			@Override
			public void attemptFailed(String table, String operation, String reason) {
				listeners().forEach((listener) -> listener.attemptFailed(table, operation, reason));
			}

		};
	}

	private List<DynamoDbListener> listeners() {
		List<DynamoDbListener> found = this.found;
		return (found != null) ? found : this.beans.orderedStream().toList();
	}

}
