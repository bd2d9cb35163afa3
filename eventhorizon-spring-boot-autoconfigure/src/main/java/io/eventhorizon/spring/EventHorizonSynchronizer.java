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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.eventhorizon.client.Reader;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OutageLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

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
 * The work runs on a {@link TaskScheduler} the synchronizer does not own (in a Spring Boot
 * application, one built by Boot's own builders, so that virtual threads and task
 * decorators apply). What waits for it is bounded: per processor at most one planned poll
 * and one sync, queued or running, however many appends and sync requests come in
 * meanwhile; what came in while a sync ran is served by one more, which offers the newest
 * entry appended by this application. On {@link #stop()} nothing new starts, queued work
 * is dropped, and running syncs finish their entries, up to
 * {@link Settings#shutdownTimeout()}, after which they are interrupted.
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

	private final TaskScheduler scheduler;

	// Guards running and syncing, so that stop() sees every sync that started before it.
	private final ReentrantLock lifecycle = new ReentrantLock();

	private final Condition syncEnded = this.lifecycle.newCondition();

	private final Set<Thread> syncing = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private volatile Map<String, Lane> lanes = Map.of();

	/**
	 * Creates the synchronizer; nothing runs until {@link #start()}.
	 * @param registry the processors
	 * @param settings the schedule
	 * @param scheduler what runs the polls and syncs; the synchronizer neither starts nor
	 * shuts it down
	 * @param clock the clock for the statuses
	 */
	public EventHorizonSynchronizer(EventProcessorRegistry registry, Settings settings, TaskScheduler scheduler,
			Clock clock) {
		this.registry = registry;
		this.settings = settings;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@Override
	public void start() {
		List<Polled> processors = polled();
		if (this.settings.waitForRealtimeOnStartup()) {
			awaitRealtime(processors);
		}
		Map<String, Lane> lanes = new ConcurrentHashMap<>();
		for (Polled processor : processors) {
			lanes.put(processor.name(),
					new Lane(processor, this.registry.byName(processor.name()).orElse(null)));
		}
		this.lifecycle.lock();
		try {
			this.lanes = lanes;
			this.running = true;
		}
		finally {
			this.lifecycle.unlock();
		}
		for (Lane lane : lanes.values()) {
			this.statuses.putIfAbsent(lane.processor().name(), new ProcessorStatus());
			planPoll(lane, Duration.ZERO);
		}
		logger.info("Synchronizing {} processor(s) every {}", processors.size(), this.settings.pollInterval());
	}

	/**
	 * Stops planning polls and drops the queued syncs, then waits up to
	 * {@link Settings#shutdownTimeout()} for the running ones to finish the entries they
	 * feed, and interrupts those still running after that.
	 */
	@Override
	public void stop() {
		this.lifecycle.lock();
		try {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.lanes.values().forEach(Lane::cancelPlannedPoll);
			long remaining = this.settings.shutdownTimeout().toNanos();
			while (!this.syncing.isEmpty() && remaining > 0) {
				remaining = this.syncEnded.awaitNanos(remaining);
			}
			if (!this.syncing.isEmpty()) {
				logger.warn("Processors still syncing after {}; interrupting them", this.settings.shutdownTimeout());
				this.syncing.forEach(Thread::interrupt);
			}
		}
		catch (InterruptedException ex) {
			this.syncing.forEach(Thread::interrupt);
			Thread.currentThread().interrupt();
		}
		finally {
			this.lifecycle.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Asks for the processors of a stream to be synced soon, off this thread. Requests for
	 * a processor that come in while a sync of it is queued or running are served together
	 * by one sync.
	 * @param stream the stream appended to
	 */
	public void requestSync(StreamName stream) {
		for (ProcessorRegistration processor : this.registry.following(stream)) {
			Lane lane = this.lanes.get(processor.name());
			if (lane != null) {
				lane.syncWanted().set(true);
				queueSync(lane);
			}
		}
	}

	/**
	 * Gives an entry this application has just appended to the processors of its stream, off
	 * this thread: a processor for which it is the next entry takes it without reading it
	 * back, one further behind reads up to realtime (see {@link Reader#offer(LogEntry)}). A
	 * failure is left to the processor's next poll, which retries and reports it. Entries
	 * offered while a sync of a processor is queued or running are served together by one
	 * sync, which offers the newest of them.
	 * @param entry the appended entry, with the data as written
	 */
	public void offer(LogEntry entry) {
		for (ProcessorRegistration processor : this.registry.following(entry.cursor().stream())) {
			Lane lane = this.lanes.get(processor.name());
			if (lane != null) {
				lane.offered().accumulateAndGet(entry, Lane::newer);
				queueSync(lane);
			}
		}
	}

	private void queueSync(Lane lane) {
		if (!this.running || isPaused(lane.processor().name()) || !lane.syncQueued().compareAndSet(false, true)) {
			return;
		}
		try {
			Runnable sync = () -> whileRunning(() -> sync(lane));
			if (this.scheduler instanceof Executor executor) {
				// Boot's schedulers take tasks to run now there even after they stopped
				// planning, as the context closes.
				executor.execute(sync);
			}
			else {
				this.scheduler.schedule(sync, this.scheduler.getClock().instant());
			}
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the next start polls anyway.
			lane.syncQueued().set(false);
		}
	}

	private void sync(Lane lane) {
		try {
			LogEntry entry = lane.offered().getAndSet(null);
			boolean syncWanted = lane.syncWanted().getAndSet(false);
			if (entry != null && lane.registration() != null) {
				offerTo(lane.registration(), entry);
			}
			if (syncWanted) {
				syncOnce(lane);
			}
		}
		finally {
			// What came in while this sync ran queues the next one, at the back of the
			// queue: a busy processor has one sync at a time, running or queued.
			lane.syncQueued().set(false);
			if (lane.offered().get() != null || lane.syncWanted().get()) {
				queueSync(lane);
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
			Lane lane = this.lanes.get(processor);
			if (lane != null) {
				lane.syncWanted().set(true);
				queueSync(lane);
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

	private void poll(Lane lane) {
		Polled processor = lane.processor();
		ProcessorStatus status = this.statuses.computeIfAbsent(processor.name(), (name) -> new ProcessorStatus());
		Duration next = (isPaused(processor.name()) || syncOnce(lane)) ? this.settings.pollInterval()
				: backoff(status.consecutiveFailures());
		planPoll(lane, next);
	}

	// The next poll is planned when the previous one ends: one planned poll per processor.
	private void planPoll(Lane lane, Duration delay) {
		if (!this.running) {
			return;
		}
		try {
			lane.plannedPoll().set(this.scheduler.schedule(() -> whileRunning(() -> poll(lane)),
					this.scheduler.getClock().instant().plus(delay)));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: the next start polls anyway.
		}
		if (!this.running) {
			// stop() may have cancelled the poll planned before this one.
			lane.cancelPlannedPoll();
		}
	}

	// Runs a sync unless the synchronizer has stopped, where stop() can wait for it.
	private void whileRunning(Runnable sync) {
		this.lifecycle.lock();
		try {
			if (!this.running) {
				return;
			}
			this.syncing.add(Thread.currentThread());
		}
		finally {
			this.lifecycle.unlock();
		}
		try {
			sync.run();
		}
		finally {
			this.lifecycle.lock();
			try {
				this.syncing.remove(Thread.currentThread());
				this.syncEnded.signalAll();
			}
			finally {
				this.lifecycle.unlock();
			}
		}
	}

	private boolean syncOnce(Lane lane) {
		// A poll and a sync of one processor may run at once: each records its outcome
		// before the other reads, so that a stale outcome never overwrites a newer one.
		synchronized (lane.outcomes()) {
			return syncOnce(lane.processor());
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
	 * One processor's share of the scheduler: its planned poll, and the sync queued for
	 * the requests and entries that came in since the last one started, and the monitor
	 * that keeps the outcomes of its poll and its sync in the order they read.
	 */
	private record Lane(Polled processor, @Nullable ProcessorRegistration registration,
			AtomicReference<@Nullable ScheduledFuture<?>> plannedPoll, AtomicBoolean syncQueued,
			AtomicBoolean syncWanted, AtomicReference<@Nullable LogEntry> offered, Object outcomes) {

		Lane(Polled processor, @Nullable ProcessorRegistration registration) {
			this(processor, registration, new AtomicReference<>(), new AtomicBoolean(), new AtomicBoolean(),
					new AtomicReference<>(), new Object());
		}

		void cancelPlannedPoll() {
			ScheduledFuture<?> planned = this.plannedPoll.get();
			if (planned != null) {
				// Not interrupting: a poll already running is let finish.
				planned.cancel(false);
			}
		}

		static LogEntry newer(@Nullable LogEntry offered, LogEntry entry) {
			return (offered == null || entry.cursor().isAfter(offered.cursor())) ? entry : offered;
		}

	}

	/**
	 * How the synchronizer runs.
	 *
	 * @param pollInterval the time between two polls of a processor
	 * @param maxBackoff the longest wait after repeated failures
	 * @param waitForRealtimeOnStartup whether {@link #start()} waits until every processor
	 * has reached realtime once
	 * @param startupTimeout how long to wait for that before failing the startup
	 * @param shutdownTimeout how long {@link #stop()} waits for running polls and syncs
	 */
	public record Settings(Duration pollInterval, Duration maxBackoff, boolean waitForRealtimeOnStartup,
			Duration startupTimeout, Duration shutdownTimeout) {

	}

}
