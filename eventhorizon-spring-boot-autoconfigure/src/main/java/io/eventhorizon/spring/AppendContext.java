package io.eventhorizon.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;

/**
 * What a running {@link TransactionalAppend} method has validated against: for each stream
 * its processors follow, the cursor to append after; and the entries it appended. Bound
 * to the thread for the duration of one attempt.
 */
final class AppendContext {

	private static final ThreadLocal<@Nullable AppendContext> CURRENT = new ThreadLocal<>();

	private final List<ProcessorRegistration> dependencies;

	private final Map<StreamName, Cursor> appendAfter = new LinkedHashMap<>();

	private final List<LogEntry> appended = new ArrayList<>();

	AppendContext(List<ProcessorRegistration> dependencies) {
		this.dependencies = dependencies;
	}

	static @Nullable AppendContext current() {
		return CURRENT.get();
	}

	void bind() {
		CURRENT.set(this);
	}

	void unbind() {
		CURRENT.remove();
	}

	/**
	 * Returns the cursor to append after in {@code stream}: the last one appended in this
	 * attempt, or else the lowest cursor of the processors of that stream (an entry any of
	 * them has not seen makes the append conflict), or {@code null} when no processor the
	 * method depends on follows the stream.
	 */
	@Nullable Cursor appendAfter(StreamName stream) {
		Cursor after = this.appendAfter.get(stream);
		if (after != null) {
			return after;
		}
		for (ProcessorRegistration dependency : this.dependencies) {
			if (dependency.stream().equals(stream)) {
				Cursor cursor = dependency.cursor().get();
				if (after == null || cursor.isBefore(after)) {
					after = cursor;
				}
			}
		}
		return after;
	}

	void appended(Cursor written, LogData data) {
		this.appendAfter.put(written.stream(), written);
		this.appended.add(new LogEntry(written, data));
	}

	/** Returns the entries appended in this attempt, in order, with the data as written. */
	List<LogEntry> appended() {
		return this.appended;
	}

}
