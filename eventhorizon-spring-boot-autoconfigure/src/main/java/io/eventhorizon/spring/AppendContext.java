package io.eventhorizon.spring;

import java.util.List;

import io.eventhorizon.client.Attempt;
import io.eventhorizon.client.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The attempt of the {@link TransactionalAppend} method running on this thread, through
 * which {@link EventHorizonTemplate} appends, and the Readers it validates against (brought
 * to realtime and locked for the attempt). Bound to the thread for the duration of one
 * attempt.
 */
final class AppendContext {

	private static final ThreadLocal<@Nullable AppendContext> CURRENT = new ThreadLocal<>();

	private final Attempt attempt;

	private final List<Reader> readers;

	private AppendContext(Attempt attempt, List<Reader> readers) {
		this.attempt = attempt;
		this.readers = readers;
	}

	static @Nullable AppendContext current() {
		return CURRENT.get();
	}

	static void bind(Attempt attempt, List<Reader> readers) {
		CURRENT.set(new AppendContext(attempt, readers));
	}

	static void unbind() {
		CURRENT.remove();
	}

	Attempt attempt() {
		return this.attempt;
	}

	/** Whether the attempt holds every one of these Readers, current and locked. */
	boolean holds(List<Reader> readers) {
		return this.readers.containsAll(readers);
	}

}
