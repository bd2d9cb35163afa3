package io.eventhorizon.spring.endpoint;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.eventhorizon.spring.ProcessorRegistration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rebuilds off the caller's thread, at most one per processor, and remembers how the
 * last one of each processor went. A rebuild holds its Reader's lock for the whole replay,
 * so an HTTP thread must not wait for it.
 * <p>
 * Thread-safe.
 */
final class Rebuilds {

	private static final Logger logger = LoggerFactory.getLogger(Rebuilds.class);

	private final Executor executor;

	private final Clock clock;

	private final Map<String, Rebuild> last = new ConcurrentHashMap<>();

	Rebuilds(Executor executor, Clock clock) {
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Starts rebuilding a processor in the background.
	 * @param processor the processor
	 * @param fromSnapshot whether to start from its newest snapshot
	 * @throws IllegalStateException if a rebuild of it still runs
	 */
	void start(ProcessorRegistration processor, boolean fromSnapshot) {
		Rebuild rebuild = new Rebuild(processor, fromSnapshot, this.clock.instant().toString());
		Rebuild previous = this.last.compute(processor.name(),
				(name, current) -> (current != null && current.status().isRunning()) ? current : rebuild);
		if (previous != rebuild) {
			throw new IllegalStateException("Processor '" + processor.name() + "' is being rebuilt since "
					+ previous.startedAt + "; wait until it has finished");
		}
		try {
			this.executor.execute(() -> run(rebuild));
		}
		catch (RuntimeException ex) {
			rebuild.fail(this.clock.instant().toString(), ex);
			throw new IllegalStateException("Cannot start rebuilding processor '" + processor.name() + "': " + ex, ex);
		}
	}

	/**
	 * Returns the last rebuild of a processor.
	 * @param processor the processor's name
	 * @return its status, or empty if none was started
	 */
	Optional<RebuildStatus> last(String processor) {
		return Optional.ofNullable(this.last.get(processor)).map(Rebuild::status);
	}

	boolean isRunning(String processor) {
		return last(processor).map(RebuildStatus::isRunning).orElse(false);
	}

	private void run(Rebuild rebuild) {
		try {
			int fed = rebuild.processor.reader().rebuild(rebuild.fromSnapshot);
			rebuild.complete(this.clock.instant().toString(), fed);
		}
		catch (RuntimeException ex) {
			logger.warn("Rebuilding processor '{}' failed: {}", rebuild.processor.name(), ex.toString());
			rebuild.fail(this.clock.instant().toString(), ex);
		}
	}

	/** One rebuild; its progress is read from the Reader's counters while it runs. */
	private static final class Rebuild {

		private final ProcessorRegistration processor;

		private final boolean fromSnapshot;

		private final String startedAt;

		private final long entriesBefore;

		private volatile @Nullable RebuildStatus finished;

		Rebuild(ProcessorRegistration processor, boolean fromSnapshot, String startedAt) {
			this.processor = processor;
			this.fromSnapshot = fromSnapshot;
			this.startedAt = startedAt;
			this.entriesBefore = processor.reader().stats().entriesProcessed();
		}

		RebuildStatus status() {
			RebuildStatus finished = this.finished;
			if (finished != null) {
				return finished;
			}
			return new RebuildStatus(RebuildStatus.RUNNING, this.fromSnapshot, this.startedAt, null,
					this.processor.reader().stats().entriesProcessed() - this.entriesBefore, null);
		}

		void complete(String at, int fed) {
			this.finished = new RebuildStatus(RebuildStatus.COMPLETED, this.fromSnapshot, this.startedAt, at, fed,
					null);
		}

		void fail(String at, RuntimeException failure) {
			this.finished = new RebuildStatus(RebuildStatus.FAILED, this.fromSnapshot, this.startedAt, at,
					this.processor.reader().stats().entriesProcessed() - this.entriesBefore,
					String.valueOf(failure.getMessage()));
		}

	}

}
