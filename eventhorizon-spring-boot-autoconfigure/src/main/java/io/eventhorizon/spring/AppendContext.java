package io.eventhorizon.spring;

import io.eventhorizon.client.Attempt;
import org.jspecify.annotations.Nullable;

/**
 * The attempt of the {@link TransactionalAppend} method running on this thread, through
 * which {@link EventHorizonTemplate} appends. Bound to the thread for the duration of one
 * attempt.
 */
final class AppendContext {

	private static final ThreadLocal<@Nullable Attempt> CURRENT = new ThreadLocal<>();

	private AppendContext() {
	}

	static @Nullable Attempt current() {
		return CURRENT.get();
	}

	static void bind(Attempt attempt) {
		CURRENT.set(attempt);
	}

	static void unbind() {
		CURRENT.remove();
	}

}
