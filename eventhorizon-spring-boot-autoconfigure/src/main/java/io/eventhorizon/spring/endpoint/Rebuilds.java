package io.eventhorizon.spring.endpoint;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

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
	 * @param processor the processor's name
	 * @param fromSnapshot whether to start from its newest snapshot
	 * @param entriesProcessed reads its reader's count of entries processed
	 * @param replay rebuilds it (from its snapshot or not, as {@code fromSnapshot} says) and
	 * returns the entries fed
	 * @throws IllegalStateException if a rebuild of it still runs
	 */
	void start(String processor, boolean fromSnapshot, LongSupplier entriesProcessed, IntSupplier replay) {
		Rebuild rebuild = new Rebuild(processor, fromSnapshot, this.clock.instant().toString(), entriesProcessed,
				replay);
		Rebuild previous = this.last.compute(processor,
				(name, current) -> (current != null && current.status().isRunning()) ? current : rebuild);
		if (previous != rebuild) {
			throw new IllegalStateException("Processor '" + processor + "' is being rebuilt since "
					+ previous.startedAt + "; wait until it has finished");
		}
		try {
			this.executor.execute(() -> run(rebuild));
		}
		catch (RuntimeException ex) {
			rebuild.fail(this.clock.instant().toString(), ex);
			throw new IllegalStateException("Cannot start rebuilding processor '" + processor + "': " + ex, ex);
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
			int fed = rebuild.replay.getAsInt();
			rebuild.complete(this.clock.instant().toString(), fed);
		}
		catch (RuntimeException ex) {
			logger.warn("Rebuilding processor '{}' failed: {}", rebuild.processor, ex.toString());
			rebuild.fail(this.clock.instant().toString(), ex);
		}
	}

	/** One rebuild; its progress is read from the reader's counters while it runs. */
	private static final class Rebuild {

		private final String processor;

		private final boolean fromSnapshot;

		private final String startedAt;

		private final LongSupplier entriesProcessed;

		private final IntSupplier replay;

		private final long entriesBefore;

		private volatile @Nullable RebuildStatus finished;

		Rebuild(String processor, boolean fromSnapshot, String startedAt, LongSupplier entriesProcessed,
				IntSupplier replay) {
			this.processor = processor;
			this.fromSnapshot = fromSnapshot;
			this.startedAt = startedAt;
			this.entriesProcessed = entriesProcessed;
			this.replay = replay;
			this.entriesBefore = entriesProcessed.getAsLong();
		}

		RebuildStatus status() {
			RebuildStatus finished = this.finished;
			if (finished != null) {
				return finished;
			}
			return new RebuildStatus(RebuildStatus.RUNNING, this.fromSnapshot, this.startedAt, null,
					this.entriesProcessed.getAsLong() - this.entriesBefore, null);
		}

		void complete(String at, int fed) {
			this.finished = new RebuildStatus(RebuildStatus.COMPLETED, this.fromSnapshot, this.startedAt, at, fed,
					null);
		}

		void fail(String at, RuntimeException failure) {
			this.finished = new RebuildStatus(RebuildStatus.FAILED, this.fromSnapshot, this.startedAt, at,
					this.entriesProcessed.getAsLong() - this.entriesBefore, String.valueOf(failure.getMessage()));
		}

	}

}
