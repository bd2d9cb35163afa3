package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The beans of one type, for code that runs on every append or DynamoDB call. Until every
 * singleton exists they are looked up at each use, since some (metrics, the synchronizer)
 * are defined after the code that tells them; from then on the list found is kept, so that
 * the hot path does not search the bean factory.
 * <p>
 * Thread-safe.
 *
 * @param <T> the type of the beans
 */
final class LateBoundBeans<T> implements SmartInitializingSingleton {

	private final ObjectProvider<T> beans;

	private volatile @Nullable List<T> found;

	LateBoundBeans(ObjectProvider<T> beans) {
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.found = this.beans.orderedStream().toList();
	}

	void forEach(Consumer<T> action) {
		List<T> found = this.found;
		if (found != null) {
			found.forEach(action);
		}
		else {
			this.beans.orderedStream().forEach(action);
		}
	}

}
