package io.eventhorizon.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.Reader;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OutageLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps every processor, and every read model of a tree, near realtime: polls each one on
 * its own schedule (the next poll is
 * planned when the previous one ends, so runs of one processor never overlap), gives a
 * stream's processors what this application appends to it at once, backs off
 * exponentially while a processor fails, and stops gracefully. Optionally holds the
 * startup until every processor has reached realtime once. A processor's failures are
 * logged once per outage: the first at WARN with its stack trace, the repeats at DEBUG in
 * one line, a different failure at WARN with its stack trace again, and one INFO line when
 * it syncs again.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class EventHorizonSynchronizer implements SmartLifecycle {

	/**
	 * The lifecycle phase: 1024 below the web server's
	 * ({@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}, itself below its
	 * {@code GRACEFUL_SHUTDOWN_PHASE}). So the processors are synchronized before the web
	 * server accepts a request, and keep being synchronized until it has stopped, after
	 * the requests in flight during a graceful shutdown have finished.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private static final Logger logger = LoggerFactory.getLogger(EventHorizonSynchronizer.class);

	private final EventProcessorRegistry registry;

	private final Settings settings;

	private final Clock clock;

	private final Map<String, ProcessorStatus> statuses = new ConcurrentHashMap<>();

	private final Set<String> paused = ConcurrentHashMap.newKeySet();

	private final Map<String, OutageLog> outages = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	/**
	 * Creates the synchronizer; nothing runs until {@link #start()}.
	 * @param registry the processors
	 * @param settings the schedule
	 * @param clock the clock for the statuses
	 */
	public EventHorizonSynchronizer(EventProcessorRegistry registry, Settings settings, Clock clock) {
		this.registry = registry;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void start() {
		AtomicInteger threadNumber = new AtomicInteger();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(this.settings.threads(), (task) -> {
			Thread thread = new Thread(task, "eventhorizon-sync-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		// On stop, polls already running finish; polls planned for later do not start.
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		List<Polled> processors = polled();
		if (this.settings.waitForRealtimeOnStartup()) {
			awaitRealtime(processors);
		}
		this.executor = executor;
		for (Polled processor : processors) {
			this.statuses.putIfAbsent(processor.name(), new ProcessorStatus());
			executor.execute(() -> poll(processor));
		}
		logger.info("Synchronizing {} processor(s) every {}", processors.size(), this.settings.pollInterval());
	}

	@Override
	public void stop() {
		ScheduledThreadPoolExecutor executor = this.executor;
		this.executor = null;
		if (executor == null) {
			return;
		}
		executor.shutdown();
		try {
			if (!executor.awaitTermination(this.settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Processors still syncing after {}; interrupting them", this.settings.shutdownTimeout());
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Asks for the processors of a stream to be synced soon, off this thread.
	 * @param stream the stream appended to
	 */
	public void requestSync(StreamName stream) {
		ScheduledThreadPoolExecutor executor = this.executor;
		if (executor == null) {
			return;
		}
		for (ProcessorRegistration processor : this.registry.following(stream)) {
			requestSync(executor, Polled.of(processor));
		}
	}

	private void requestSync(ScheduledThreadPoolExecutor executor, Polled processor) {
		if (isPaused(processor.name())) {
			return;
		}
		try {
			executor.execute(() -> syncOnce(processor));
		}
		catch (RuntimeException ex) {
			// Shutting down: the next start polls anyway.
		}
	}

	/**
	 * Gives an entry this application has just appended to the processors of its stream, off
	 * this thread: a processor for which it is the next entry takes it without reading it
	 * back, one further behind reads up to realtime (see {@link Reader#offer(LogEntry)}). A
	 * failure is left to the processor's next poll, which retries and reports it.
	 * @param entry the appended entry, with the data as written
	 */
	public void offer(LogEntry entry) {
		ScheduledThreadPoolExecutor executor = this.executor;
		if (executor == null) {
			return;
		}
		for (ProcessorRegistration processor : this.registry.following(entry.cursor().stream())) {
			if (isPaused(processor.name())) {
				continue;
			}
			try {
				executor.execute(() -> offerTo(processor, entry));
			}
			catch (RuntimeException ex) {
				// Shutting down: the next start polls anyway.
			}
		}
	}

	private void offerTo(ProcessorRegistration processor, LogEntry entry) {
		try {
			processor.reader().offer(entry);
		}
		catch (RuntimeException ex) {
			logger.debug("Processor '{}' could not take {} at once; its next poll retries: {}", processor.name(),
					entry.cursor(), ex.toString());
		}
	}

	/**
	 * Returns what the synchronizer observed of a processor.
	 * @param processor the processor's name
	 * @return its status, or empty if it is not synchronized
	 */
	public Optional<ProcessorStatus> status(String processor) {
		return Optional.ofNullable(this.statuses.get(processor));
	}

	private List<Polled> polled() {
		List<Polled> processors = new ArrayList<>();
		this.registry.all().forEach((processor) -> processors.add(Polled.of(processor)));
		this.registry.trees().forEach((tree) -> processors.add(Polled.of(tree)));
		return processors;
	}

	private void awaitRealtime(List<Polled> processors) {
		Instant deadline = this.clock.instant().plus(this.settings.startupTimeout());
		for (Polled processor : processors) {
			while (true) {
				try {
					processor.load().run();
					break;
				}
				catch (RuntimeException ex) {
					if (this.clock.instant().isAfter(deadline)) {
						throw new IllegalStateException("Processor '" + processor.name() + "' did not reach realtime "
								+ "within " + this.settings.startupTimeout() + " at startup: " + ex.getMessage(), ex);
					}
					outage(processor).failed(ex);
					sleep(this.settings.pollInterval());
				}
			}
			this.statuses.computeIfAbsent(processor.name(), (name) -> new ProcessorStatus())
				.succeeded(this.clock.instant());
			outage(processor).succeeded();
		}
	}

	private OutageLog outage(Polled processor) {
		return this.outages.computeIfAbsent(processor.name(),
				(name) -> new OutageLog(logger, "Syncs of processor '" + name + "'", this.clock));
	}

	/**
	 * Stops polling a processor until {@link #resume(String)}; appends of this application
	 * no longer sync it either. Commands that depend on it still bring it to realtime.
	 * @param processor the processor's name
	 * @return whether the processor exists
	 */
	public boolean pause(String processor) {
		if (this.registry.byName(processor).isEmpty() && this.registry.treeByName(processor).isEmpty()) {
			return false;
		}
		this.paused.add(processor);
		logger.info("Paused the synchronization of processor '{}'", processor);
		return true;
	}

	/**
	 * Polls a paused processor again, starting now.
	 * @param processor the processor's name
	 * @return whether the processor exists
	 */
	public boolean resume(String processor) {
		Optional<Polled> registration = this.registry.byName(processor)
			.map(Polled::of)
			.or(() -> this.registry.treeByName(processor).map(Polled::of));
		if (registration.isEmpty()) {
			return false;
		}
		if (this.paused.remove(processor)) {
			logger.info("Resumed the synchronization of processor '{}'", processor);
			ScheduledThreadPoolExecutor executor = this.executor;
			if (executor != null) {
				requestSync(executor, registration.get());
			}
		}
		return true;
	}

	/**
	 * Whether a processor's synchronization is paused.
	 * @param processor the processor's name
	 * @return whether it is paused
	 */
	public boolean isPaused(String processor) {
		return this.paused.contains(processor);
	}

	private void poll(Polled processor) {
		ProcessorStatus status = this.statuses.computeIfAbsent(processor.name(), (name) -> new ProcessorStatus());
		Duration next = (isPaused(processor.name()) || syncOnce(processor)) ? this.settings.pollInterval()
				: backoff(status.consecutiveFailures());
		ScheduledThreadPoolExecutor executor = this.executor;
		if (executor != null && !executor.isShutdown()) {
			try {
				executor.schedule(() -> poll(processor), next.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// Shutting down.
			}
		}
	}

	private boolean syncOnce(Polled processor) {
		ProcessorStatus status = this.statuses.computeIfAbsent(processor.name(), (name) -> new ProcessorStatus());
		try {
			processor.load().run();
			status.succeeded(this.clock.instant());
			outage(processor).succeeded();
			return true;
		}
		catch (StreamNotFoundException ex) {
			outage(processor).succeeded();
			if (status.waitingForStream(this.clock.instant())) {
				// Commands on the stream fail until it exists: say so once, where a newcomer looks.
				logger.warn("Processor '{}' waits for its stream, and commands on it fail until it is created "
						+ "(eventhorizon.create-streams=true creates it at startup): {}", processor.name(),
						ex.getMessage());
			}
			return true;
		}
		catch (RuntimeException ex) {
			status.failed(this.clock.instant(), ex);
			outage(processor).failed(ex);
			return false;
		}
	}

	private Duration backoff(int failures) {
		long factor = 1L << Math.min(Math.max(failures, 1), 20);
		Duration delay = this.settings.pollInterval().multipliedBy(factor);
		return (delay.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : delay;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for processors to reach realtime", ex);
		}
	}

	/** A processor or a read model of a tree, as the synchronizer polls it. */
	private record Polled(String name, Runnable load) {

		static Polled of(ProcessorRegistration processor) {
			return new Polled(processor.name(), () -> processor.reader().loadUntilRealtime());
		}

		static Polled of(TreeProcessorRegistration tree) {
			return new Polled(tree.name(), () -> tree.reader().loadUntilRealtime());
		}

	}

	/**
	 * How the synchronizer runs.
	 *
	 * @param pollInterval the time between two polls of a processor
	 * @param maxBackoff the longest wait after repeated failures
	 * @param threads the threads that run the polls
	 * @param waitForRealtimeOnStartup whether {@link #start()} waits until every processor
	 * has reached realtime once
	 * @param startupTimeout how long to wait for that before failing the startup
	 * @param shutdownTimeout how long {@link #stop()} waits for running polls
	 */
	public record Settings(Duration pollInterval, Duration maxBackoff, int threads, boolean waitForRealtimeOnStartup,
			Duration startupTimeout, Duration shutdownTimeout) {

	}

}
