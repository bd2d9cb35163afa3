package io.eventhorizon.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.MetaEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one {@link EventsProcessor} from the event log until it reaches realtime, restores
 * and stores its snapshots, and runs {@link #transactWrite(TransactWriteAction) transactWrite}s
 * against it.
 * <p>
 * <b>Thread-safety.</b> A Reader may be used from any number of threads at once, typically
 * a synchronizer calling {@link #loadUntilRealtime()} on a schedule while request threads
 * call {@link #transactWrite(TransactWriteAction)}. It guarantees that:
 * <ul>
 * <li>the processor is called by one thread at a time, and sees every entry of its stream
 * once, in order, with no gap;</li>
 * <li>an entry is applied whole or not at all: after a failure in the middle of an entry,
 * a processor that does not {@linkplain EventsProcessor#rollsBackOnFailure() roll back}
 * is reset and loaded again up to just before it, or stopped if it cannot be reset;</li>
 * <li>a transactWrite action runs while no entry is being fed to the processor, so the
 * state it validates and the cursor it appends after belong together; what it appends is
 * committed as one entry when it returns (see {@link TransactWriter});</li>
 * <li>the idempotency keys of the stream's newest entries (the key window) are known to
 * every transactWrite, whichever instance wrote them: they are kept as entries are fed, and
 * the part of the window not seen (after a restart) is read back once;</li>
 * <li>{@link #loadUntilRealtime()} returns only after the processor has seen every entry
 * appended before the call began (the event log's reads are strongly consistent);</li>
 * <li>snapshots are stored on the snapshot executor, never on the caller's thread, at most
 * one at a time.</li>
 * </ul>
 * Callers wait for each other: a load that starts while another runs waits for it and then
 * reads what is new. The waits for retries of transactWrite happen outside the lock.
 *
 * @since 0.1.0
 */
public final class Reader {

	private static final Logger logger = LoggerFactory.getLogger(Reader.class);

	/** The default idempotency key window: the stream's newest 10 000 entries. */
	public static final int DEFAULT_IDEMPOTENCY_WINDOW = 10_000;

	private static final int MAX_REDISCOVERIES_PER_LOAD = 3;

	private static final ExecutorService DEFAULT_SNAPSHOT_EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "eventhorizon-snapshots");
		thread.setDaemon(true);
		return thread;
	});

	private final EventsProcessor processor;

	private final EventLog eventLog;

	private final @Nullable SnapshotStore snapshotStore;

	private final @Nullable SnapshotPerspective perspective;

	private final EventLineCodec codec;

	private final SnapshotPolicy snapshotPolicy;

	private final RetryPolicy transactWritePolicy;

	private final Executor snapshotExecutor;

	private final ReaderListener listener;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private @Nullable Cursor processorCursor;

	// Guarded by lock.
	private boolean skipSnapshotOnce;

	// Guarded by lock.
	private final RecentCommands recentCommands;

	private volatile @Nullable Cursor knownCursor;

	private final AtomicReference<@Nullable Cursor> storedSnapshotCursor = new AtomicReference<>();

	private volatile @Nullable Instant lastSnapshotStore;

	private final AtomicBoolean snapshotInFlight = new AtomicBoolean();

	private volatile @Nullable Instant lastRealtime;

	private final LongAdder entriesProcessed = new LongAdder();

	private final LongAdder eventsProcessed = new LongAdder();

	private final Map<String, AtomicLong> skippedEventsByType = new ConcurrentHashMap<>();

	private final LongAdder skippedEntriesOfUnknownKind = new LongAdder();

	private final LongAdder snapshotsInstalled = new LongAdder();

	private final LongAdder snapshotsStored = new LongAdder();

	private final LongAdder snapshotFailures = new LongAdder();

	private final Map<Integer, Boolean> loggedUnknownKinds = new ConcurrentHashMap<>();

	private final PoisonPolicy poisonPolicy;

	private final LongAdder poisonedEntries = new LongAdder();

	private final FailureClassifier failureClassifier;

	private final int poisonAttempts;

	// Guarded by lock.
	private final FailureStreak failureStreak = new FailureStreak();

	// Guarded by lock: entries skipped as poison, skipped whole again when the processor is restored.
	private final Set<Cursor> poisonedCursors = new HashSet<>();

	// Guarded by lock: events of the entry being fed that the processor applied so far.
	private int eventsAppliedOfEntry;

	// Guarded by lock: whether the processor is being brought back to just before a failed entry.
	private boolean restoring;

	// Guarded by lock.
	private @Nullable ProcessorStoppedException stopped;

	private Reader(Builder builder) {
		this.processor = builder.processor;
		this.eventLog = builder.eventLog;
		this.snapshotStore = builder.snapshotStore;
		this.perspective = (builder.snapshotStore != null) ? this.processor.snapshotPerspective().orElse(null) : null;
		this.codec = (builder.codec != null) ? builder.codec.withTypes(this.processor.eventTypes())
				: new EventLineCodec(this.processor.eventTypes());
		this.snapshotPolicy = builder.snapshotPolicy;
		this.transactWritePolicy = builder.transactWritePolicy;
		this.snapshotExecutor = builder.snapshotExecutor;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.poisonPolicy = builder.poisonPolicy;
		this.recentCommands = new RecentCommands(builder.idempotencyWindow);
		this.failureClassifier = builder.failureClassifier;
		this.poisonAttempts = builder.poisonAttempts;
	}

	/**
	 * Returns a builder for a Reader that feeds {@code processor} from {@code eventLog}.
	 * @param processor the processor
	 * @param eventLog the event log
	 * @return a new builder
	 */
	public static Builder builder(EventsProcessor processor, EventLog eventLog) {
		return new Builder(processor, eventLog);
	}

	/**
	 * Feeds the processor every entry after its cursor until no more exist. Starting from
	 * the beginning, it first restores the newest snapshot (when the processor takes
	 * snapshots and a store is configured); on reaching realtime it may store a newer one
	 * in the background. Events of unknown types and entries of unknown kinds are skipped
	 * (counted, logged once per type or kind) while the cursor still advances past them.
	 * @return the number of entries fed in this call
	 * @throws io.eventhorizon.event.MalformedEntryException if an entry cannot be read;
	 * the processor stays before it
	 * @throws ProcessorStoppedException if the processor failed in the middle of an entry
	 * and could not be reset
	 * @throws RuntimeException whatever the processor or the event log throws; the
	 * processor stays before the entry that failed
	 */
	public int loadUntilRealtime() {
		this.lock.lock();
		try {
			requireNotStopped();
			return load();
		}
		catch (RuntimeException ex) {
			this.listener.loadFailed(ex);
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	// Guarded by lock.
	private int load() {
		Cursor cursor = processorCursor();
		if (cursor.isBeginning() && this.perspective != null && !this.skipSnapshotOnce) {
			installNewestSnapshot(null);
		}
		this.skipSnapshotOnce = false;
		int fed = 0;
		int rediscoveries = 0;
		boolean more = true;
		while (more) {
			ReadResult page = this.eventLog.read(processorCursor());
			more = page.more();
			for (LogEntry entry : page.entries()) {
				try {
					feed(entry);
					fed++;
				}
				catch (ProcessorCursorMismatchException mismatch) {
					if (++rediscoveries > MAX_REDISCOVERIES_PER_LOAD) {
						throw mismatch;
					}
					forgetProcessorCursor(mismatch);
					more = true;
					break;
				}
			}
		}
		Cursor realtime = processorCursor();
		this.lastRealtime = this.clock.instant();
		this.listener.realtimeReached(realtime);
		maybeStoreSnapshot(realtime);
		return fed;
	}

	/**
	 * Feeds an entry that this application has just appended, without reading it back, when
	 * it is the next one for the processor. When the processor has seen it already this does
	 * nothing; when the processor is further behind (or its stored cursor is not the one
	 * known here) it is brought to realtime by reading, as {@link #loadUntilRealtime()}
	 * does. Either way the processor sees every entry once, in order, with no gap.
	 * @param entry the appended entry, with the data as written
	 * @throws IllegalArgumentException if the entry is not of the processor's stream
	 * @throws RuntimeException whatever the processor or the event log throws; the
	 * processor stays before the entry that failed
	 */
	public void offer(LogEntry entry) {
		Objects.requireNonNull(entry, "entry must not be null");
		this.lock.lock();
		try {
			requireNotStopped();
			Cursor cursor = processorCursor();
			if (!cursor.stream().equals(entry.cursor().stream())) {
				throw new IllegalArgumentException(
						"Entry " + entry.cursor() + " is not of the processor's stream " + cursor.stream());
			}
			if (!entry.cursor().isAfter(cursor)) {
				return;
			}
			if (cursor.next().equals(entry.cursor())) {
				try {
					feed(entry);
					// The appended entry is the newest one: as good a point for the policy as realtime.
					maybeStoreSnapshot(entry.cursor());
					return;
				}
				catch (ProcessorCursorMismatchException mismatch) {
					forgetProcessorCursor(mismatch);
				}
			}
			load();
		}
		catch (RuntimeException ex) {
			this.listener.loadFailed(ex);
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs a command against the processor: brings it to realtime and runs {@code action},
	 * which validates against the processor's state and appends through the
	 * {@link Attempt}; what it appended is committed as one entry after the processor's
	 * cursor when it returns. When the commit loses an optimistic-locking race, waits
	 * (jittered backoff) and does both again, up to the configured number of attempts (4 by
	 * default). Nothing of a failed attempt was written. Exceptions other than
	 * {@link OptimisticLockingException} pass through at once. The action runs while no
	 * entry is fed to the processor; once committed, the processor takes the entry without
	 * reading it back. A processor that fails on the entry does not make the command fail
	 * (its entry is written); it is logged, and the processor takes the entry at its next
	 * load.
	 * @param <T> the action's result type
	 * @param action the validation and appends
	 * @return what the successful attempt returned
	 * @throws TransactWriteExhaustedException if every attempt lost the race
	 * @throws io.eventhorizon.core.AppendOutcomeUnknownException if the commit was sent but
	 * whether it was written cannot be told
	 */
	public <T> @Nullable T transactWrite(TransactWriteAction<T> action) {
		Objects.requireNonNull(action, "action must not be null");
		@SuppressWarnings("unchecked")
		ResultFormat<T> notStored = (ResultFormat<T>) ResultFormat.json(this.codec.jsonMapper(), Object.class);
		return transactWrite(null, notStored, action);
	}

	/**
	 * Runs a command with an idempotency key, as {@link #transactWrite(TransactWriteAction)}
	 * does, and stores the key and the result with its entry. When an entry among the
	 * stream's newest ones (the key window) has the key already, written by this instance
	 * or another, before or after a restart, the action does not run and the first run's
	 * result is returned: nothing is written twice.
	 * @param <T> the action's result type
	 * @param key the idempotency key
	 * @param resultType the result's class, to read a stored result back
	 * @param action the validation and appends
	 * @return what the successful attempt returned, or the first run's result
	 * @throws TransactWriteExhaustedException if every attempt lost the race
	 * @throws io.eventhorizon.core.AppendOutcomeUnknownException if the commit was sent but
	 * whether it was written cannot be told; sending the command again with the same key
	 * is safe
	 */
	public <T> @Nullable T transactWrite(IdempotencyKey key, Class<T> resultType, TransactWriteAction<T> action) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(resultType, "resultType must not be null");
		Objects.requireNonNull(action, "action must not be null");
		return transactWrite(key, ResultFormat.json(this.codec.jsonMapper(), resultType), action);
	}

	private <T> @Nullable T transactWrite(@Nullable IdempotencyKey key, ResultFormat<T> results,
			TransactWriteAction<T> action) {
		return new TransactWriter(this.eventLog, this.transactWritePolicy).run(List.of(this), key, results, action,
				AttemptScope.NONE, new TransactWriter.Observer() {

					@Override
					public void committed(LogEntry entry) {
						// The command succeeded: reporting a failure now would make its caller
						// send it again, and write it twice.
						try {
							offer(entry);
						}
						catch (RuntimeException ex) {
							logger.warn("Could not give {} the entry {} its command wrote; it takes it at its next load: {}",
									Reader.this.processor.getClass().getSimpleName(), entry.cursor(), ex.toString());
						}
					}

				});
	}

	/**
	 * Rebuilds the processor: resets it, then loads it to realtime again, from its newest
	 * snapshot or from the beginning. Entries skipped as poison are tried again, and a
	 * processor stopped by a {@link ProcessorStoppedException} goes on once it is reset.
	 * Safe while others use the Reader: they wait.
	 * @param fromSnapshot whether to start from the newest snapshot (when there is one)
	 * rather than from the first entry
	 * @return the number of entries fed
	 * @throws IllegalStateException if the processor cannot be reset
	 */
	public int rebuild(boolean fromSnapshot) {
		this.lock.lock();
		try {
			this.processor.reset();
			this.stopped = null;
			this.poisonedCursors.clear();
			this.failureStreak.clear();
			this.processorCursor = null;
			this.skipSnapshotOnce = !fromSnapshot;
			logger.info("Rebuilding {} from {}", this.processor.getClass().getSimpleName(),
					fromSnapshot ? "its newest snapshot" : "the beginning");
			return loadUntilRealtime();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs {@code action} while no entry is fed to the processor, so that the state it
	 * reads and the processor's cursor belong together. Callers that lock several Readers
	 * must do so in one fixed order.
	 * @param <T> the action's result type
	 * @param action what to run
	 * @return what the action returned
	 */
	public <T> T exclusively(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Reports a lost optimistic-locking race of an attempt, so that it is logged and
	 * reaches the listener.
	 * @param attempt the attempt, from 1
	 * @param conflict the conflict
	 */
	public void reportConflict(int attempt, OptimisticLockingException conflict) {
		logger.debug("Attempt {} lost the race: {}", attempt, conflict.getMessage());
		this.listener.conflict(attempt, conflict);
	}

	/**
	 * Returns the processor.
	 * @return the processor
	 */
	public EventsProcessor processor() {
		return this.processor;
	}

	/**
	 * Returns what this Reader has done so far.
	 * @return the statistics
	 */
	public ReaderStats stats() {
		Map<String, Long> skipped = new TreeMap<>();
		this.skippedEventsByType.forEach((type, count) -> skipped.put(type, count.get()));
		return new ReaderStats(this.knownCursor, this.entriesProcessed.sum(), this.eventsProcessed.sum(), skipped,
				this.skippedEntriesOfUnknownKind.sum(), this.poisonedEntries.sum(), this.snapshotsInstalled.sum(),
				this.snapshotsStored.sum(), this.snapshotFailures.sum(), this.lastRealtime);
	}

	/**
	 * Returns the cursor of the newest snapshot known to be stored.
	 * @return the cursor, or empty if none is known
	 */
	public Optional<Cursor> storedSnapshotCursor() {
		Cursor cursor = this.storedSnapshotCursor.get();
		return (cursor == null || cursor.isBeginning()) ? Optional.empty() : Optional.of(cursor);
	}

	// The processor's cursor; called while the lock is held.
	Cursor cursor() {
		return processorCursor();
	}

	// The record of the command with the key among the stream's newest entries, or null;
	// called while the lock is held.
	@Nullable CommandRecord recentCommand(IdempotencyKey key) {
		return this.recentCommands.find(key, this.eventLog, processorCursor());
	}

	private Cursor processorCursor() {
		Cursor cursor = this.processorCursor;
		if (cursor == null) {
			cursor = this.processor.storedCursor();
			this.processorCursor = cursor;
			this.knownCursor = cursor;
			this.recentCommands.continueFrom(cursor);
		}
		return cursor;
	}

	// Another instance moved the processor's stored cursor: it is read again at the next use.
	private void forgetProcessorCursor(ProcessorCursorMismatchException mismatch) {
		logger.warn("{}; discovering the processor's cursor again", mismatch.getMessage());
		this.listener.cursorRediscovered(mismatch);
		this.processorCursor = null;
	}

	private void feed(LogEntry entry) {
		DecodedEntry decoded = this.codec.decode(entry);
		boolean applied = !this.poisonedCursors.contains(entry.cursor());
		try {
			commit(entry, applied ? decoded.events() : List.of(), decoded.lines());
		}
		catch (ProcessorCursorMismatchException mismatch) {
			throw mismatch;
		}
		catch (RuntimeException failure) {
			skipOrRethrow(entry, failure);
			applied = false;
		}
		this.processorCursor = entry.cursor();
		this.knownCursor = entry.cursor();
		this.recentCommands.seen(entry);
		this.entriesProcessed.increment();
		if (applied) {
			this.eventsProcessed.add(decoded.events().size());
		}
		for (String type : decoded.skippedTypes()) {
			if (this.skippedEventsByType.computeIfAbsent(type, (key) -> new AtomicLong()).getAndIncrement() == 0) {
				logger.info("Skipping events of type \"{}\" (first at {}): {}", type, entry.cursor(),
						MetaEvents.isMetaType(type) || !decoded.kind().equals(LogDataKind.META)
								? this.processor.getClass().getSimpleName() + " does not know it"
								: "meta entries hold only meta events, as the Go project reads them");
			}
			this.listener.eventTypeSkipped(type, entry.cursor());
		}
		if (decoded.isUnknownKind()) {
			this.skippedEntriesOfUnknownKind.increment();
			if (this.loggedUnknownKinds.putIfAbsent(decoded.kind().code(), Boolean.TRUE) == null) {
				logger.info("Skipping entries of kind {} (first at {}): this version cannot read them",
						decoded.kind().code(), entry.cursor());
			}
			this.listener.entryKindSkipped(decoded.kind(), entry.cursor());
		}
		this.listener.entryProcessed(decoded);
	}

	// Leaves the processor just before the failed entry, with none of its events, then skips
	// the entry (poison policy SKIP, a failure that repeated) or rethrows the failure.
	private void skipOrRethrow(LogEntry entry, RuntimeException failure) {
		if (this.restoring) {
			throw failure;
		}
		if (this.eventsAppliedOfEntry > 0 && !this.processor.rollsBackOnFailure()) {
			restoreBefore(entry.cursor(), failure);
		}
		if (this.poisonPolicy != PoisonPolicy.SKIP || !this.processor.allowsSkippingPoisonedEntries()) {
			throw failure;
		}
		if (this.failureClassifier.isTransient(failure)) {
			// A passing failure is never a reason to skip, nor a step towards one.
			this.failureStreak.clear();
			throw failure;
		}
		int failures = this.failureStreak.record(entry.cursor(), failure);
		if (failures < this.poisonAttempts) {
			throw failure;
		}
		// Commit the cursor past the entry, with none of its events.
		commit(entry, List.of(), List.of());
		this.failureStreak.clear();
		this.poisonedCursors.add(entry.cursor());
		this.poisonedEntries.increment();
		logger.error("Skipped entry {}: {} failed to apply it {} times in a row (poison policy SKIP)", entry.cursor(),
				this.processor.getClass().getSimpleName(), failures, failure);
		this.listener.entryPoisoned(entry.cursor(), failure);
	}

	// The processor applied part of the failed entry and cannot undo it: reset it and load it
	// again up to just before the entry, or stop it for good if it cannot be reset.
	private void restoreBefore(Cursor failed, RuntimeException failure) {
		logger.warn("{} failed in the middle of entry {}; resetting it and loading it again up to the entry before",
				this.processor.getClass().getSimpleName(), failed);
		resetOrStop(failed, failure);
		this.restoring = true;
		try {
			if (this.perspective != null) {
				installNewestSnapshot(failed);
			}
			while (processorCursor().next().isBefore(failed)) {
				ReadResult page = this.eventLog.read(processorCursor());
				for (LogEntry entry : page.entries()) {
					if (entry.cursor().isBefore(failed)) {
						feed(entry);
					}
				}
				if (!page.more()) {
					break;
				}
			}
		}
		catch (RuntimeException replay) {
			// Whatever part of the replay got in is undone too: the next load starts afresh.
			resetOrStop(failed, failure);
			failure.addSuppressed(replay);
			throw failure;
		}
		finally {
			this.restoring = false;
		}
	}

	private void resetOrStop(Cursor failed, RuntimeException failure) {
		try {
			this.processor.reset();
		}
		catch (RuntimeException resetFailure) {
			this.stopped = new ProcessorStoppedException(this.processor.getClass().getName(), failed,
					resetFailure.getMessage(), failure);
			this.stopped.addSuppressed(resetFailure);
			logger.error("{}", this.stopped.getMessage(), failure);
			throw this.stopped;
		}
		this.processorCursor = null;
	}

	private void requireNotStopped() {
		if (this.stopped != null) {
			throw this.stopped;
		}
	}

	// Applies events and commits the entry's cursor within the processor's transaction.
	private void commit(LogEntry entry, List<Event> events, List<Integer> lines) {
		this.eventsAppliedOfEntry = 0;
		Cursor expected = processorCursor();
		AtomicBoolean committed = new AtomicBoolean();
		this.processor.processEvents((storedCursor, handleEvent, commit) -> {
			if (!storedCursor.equals(expected)) {
				throw new ProcessorCursorMismatchException(expected, storedCursor);
			}
			for (int index = 0; index < events.size(); index++) {
				if (handleEvent instanceof EventAtLine atLine) {
					atLine.accept(events.get(index), lines.get(index));
				}
				else {
					handleEvent.accept(events.get(index));
				}
				this.eventsAppliedOfEntry++;
			}
			commit.accept(entry.cursor());
			committed.set(true);
		});
		if (!committed.get()) {
			throw new IllegalStateException(
					this.processor.getClass().getName() + ".processEvents() did not call the handler");
		}
	}

	// Installs the newest snapshot, unless it is not before the entry "before" (when given).
	private void installNewestSnapshot(@Nullable Cursor before) {
		SnapshotStore store = Objects.requireNonNull(this.snapshotStore);
		SnapshotPerspective perspective = Objects.requireNonNull(this.perspective);
		Cursor beginning = processorCursor();
		Optional<Snapshot> snapshot;
		try {
			snapshot = store.read(beginning.stream(), perspective);
		}
		catch (RuntimeException ex) {
			snapshotFailed("load", ex);
			return;
		}
		if (snapshot.isEmpty()) {
			logger.debug("No snapshot {} of {}; reading from the beginning", perspective, beginning.stream());
			this.storedSnapshotCursor.compareAndSet(null, beginning);
			return;
		}
		if (before != null && !snapshot.get().cursor().isBefore(before)) {
			logger.debug("Snapshot {} at {} is not before {}; reading from the beginning", perspective,
					snapshot.get().cursor(), before);
			return;
		}
		try {
			this.processor.installSnapshot(snapshot.get());
		}
		catch (RuntimeException ex) {
			this.processorCursor = null;
			snapshotFailed("install", ex);
			return;
		}
		this.processorCursor = null;
		Cursor installed = processorCursor();
		this.storedSnapshotCursor.set(snapshot.get().cursor());
		this.snapshotsInstalled.increment();
		this.listener.snapshotInstalled(snapshot.get());
		logger.debug("Installed snapshot {} at {}", perspective, installed);
	}

	private void maybeStoreSnapshot(Cursor realtime) {
		if (this.perspective == null || realtime.isBeginning()) {
			return;
		}
		Cursor stored = this.storedSnapshotCursor.get();
		long entriesSinceStored = realtime.version() - ((stored != null) ? stored.version() : -1);
		Instant last = this.lastSnapshotStore;
		Instant now = this.clock.instant();
		if (!this.snapshotPolicy.allows(entriesSinceStored, (last != null) ? Duration.between(last, now) : null)
				|| !this.snapshotInFlight.compareAndSet(false, true)) {
			return;
		}
		Snapshot snapshot;
		try {
			snapshot = this.processor.takeSnapshot();
		}
		catch (RuntimeException ex) {
			this.snapshotInFlight.set(false);
			snapshotFailed("take", ex);
			return;
		}
		this.lastSnapshotStore = now;
		try {
			this.snapshotExecutor.execute(() -> storeSnapshot(snapshot));
		}
		catch (RuntimeException ex) {
			this.snapshotInFlight.set(false);
			snapshotFailed("store", ex);
		}
	}

	private void storeSnapshot(Snapshot snapshot) {
		try {
			boolean stored = Objects.requireNonNull(this.snapshotStore).write(snapshot);
			this.storedSnapshotCursor.accumulateAndGet(snapshot.cursor(),
					(current, candidate) -> (current == null || current.isBefore(candidate)) ? candidate : current);
			if (stored) {
				this.snapshotsStored.increment();
			}
			this.listener.snapshotStored(snapshot, stored);
		}
		catch (RuntimeException ex) {
			snapshotFailed("store", ex);
		}
		finally {
			this.snapshotInFlight.set(false);
		}
	}

	private void snapshotFailed(String operation, RuntimeException failure) {
		this.snapshotFailures.increment();
		logger.warn("Could not {} snapshot {} of {}; going on without: {}", operation, this.perspective,
				this.processor.getClass().getSimpleName(), failure.toString());
		this.listener.snapshotFailed(operation, failure);
	}

	/**
	 * Configures a {@link Reader}. Not thread-safe.
	 */
	public static final class Builder {

		private final EventsProcessor processor;

		private final EventLog eventLog;

		private @Nullable SnapshotStore snapshotStore;

		private SnapshotPolicy snapshotPolicy = SnapshotPolicy.DEFAULT;

		private RetryPolicy transactWritePolicy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(500));

		private Executor snapshotExecutor = DEFAULT_SNAPSHOT_EXECUTOR;

		private ReaderListener listener = ReaderListener.NONE;

		private Clock clock = Clock.systemUTC();

		private PoisonPolicy poisonPolicy = PoisonPolicy.STOP;

		private int idempotencyWindow = DEFAULT_IDEMPOTENCY_WINDOW;

		private FailureClassifier failureClassifier = new StandardFailureClassifier();

		private int poisonAttempts = 3;

		private @Nullable EventLineCodec codec;

		private Builder(EventsProcessor processor, EventLog eventLog) {
			this.processor = Objects.requireNonNull(processor, "processor must not be null");
			this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
		}

		/**
		 * Sets the snapshot store; without one, no snapshots are loaded or stored.
		 * @param snapshotStore the store
		 * @return this builder
		 */
		public Builder snapshotStore(SnapshotStore snapshotStore) {
			this.snapshotStore = Objects.requireNonNull(snapshotStore, "snapshotStore must not be null");
			return this;
		}

		/**
		 * Sets when snapshots are stored; {@link SnapshotPolicy#DEFAULT} by default.
		 * @param snapshotPolicy the policy
		 * @return this builder
		 */
		public Builder snapshotPolicy(SnapshotPolicy snapshotPolicy) {
			this.snapshotPolicy = Objects.requireNonNull(snapshotPolicy, "snapshotPolicy must not be null");
			return this;
		}

		/**
		 * Sets the attempts and backoff of transactWrite; 4 attempts, waits up to 10, 20
		 * and 40 ms by default.
		 * @param transactWritePolicy the policy
		 * @return this builder
		 */
		public Builder transactWritePolicy(RetryPolicy transactWritePolicy) {
			this.transactWritePolicy = Objects.requireNonNull(transactWritePolicy,
					"transactWritePolicy must not be null");
			return this;
		}

		/**
		 * Sets where snapshots are stored; a shared pool of daemon threads by default.
		 * @param snapshotExecutor the executor
		 * @return this builder
		 */
		public Builder snapshotExecutor(Executor snapshotExecutor) {
			this.snapshotExecutor = Objects.requireNonNull(snapshotExecutor, "snapshotExecutor must not be null");
			return this;
		}

		/**
		 * Sets a listener for metrics or tests.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ReaderListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/**
		 * Sets the clock of the snapshot policy and the statistics.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets what happens when the processor fails to apply an entry;
		 * {@link PoisonPolicy#STOP} by default.
		 * @param poisonPolicy the policy
		 * @return this builder
		 */
		public Builder poisonPolicy(PoisonPolicy poisonPolicy) {
			this.poisonPolicy = Objects.requireNonNull(poisonPolicy, "poisonPolicy must not be null");
			return this;
		}

		/**
		 * Sets how many of the stream's newest entries a command's idempotency key is
		 * looked up in; {@value Reader#DEFAULT_IDEMPOTENCY_WINDOW} by default. The Reader
		 * keeps the keys and results of the keyed entries among them in memory, and reads
		 * back the ones it has not seen (after a restart) at the first keyed command.
		 * @param entries the window in entries, at least 1
		 * @return this builder
		 */
		public Builder idempotencyWindow(int entries) {
			if (entries < 1) {
				throw new IllegalArgumentException("idempotencyWindow must be at least 1, was " + entries);
			}
			this.idempotencyWindow = entries;
			return this;
		}

		/**
		 * Sets which failures pass, so that {@link PoisonPolicy#SKIP} never skips an entry
		 * over them; a {@link StandardFailureClassifier} by default.
		 * @param failureClassifier the classifier
		 * @return this builder
		 */
		public Builder failureClassifier(FailureClassifier failureClassifier) {
			this.failureClassifier = Objects.requireNonNull(failureClassifier, "failureClassifier must not be null");
			return this;
		}

		/**
		 * Sets how many loads in a row an entry must fail the same way, and not transiently,
		 * before {@link PoisonPolicy#SKIP} skips it; 3 by default.
		 * @param poisonAttempts the attempts, at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if {@code poisonAttempts} is less than 1
		 */
		public Builder poisonAttempts(int poisonAttempts) {
			if (poisonAttempts < 1) {
				throw new IllegalArgumentException("poisonAttempts must be at least 1, was " + poisonAttempts);
			}
			this.poisonAttempts = poisonAttempts;
			return this;
		}

		/**
		 * Sets the codec the writers of the stream use, so that the Reader reads payloads
		 * with the same JSON mapper (it decodes only the processor's event types); a codec
		 * with {@link EventLineCodec#defaultMapper()} by default.
		 * @param codec the writers' codec
		 * @return this builder
		 */
		public Builder codec(EventLineCodec codec) {
			this.codec = Objects.requireNonNull(codec, "codec must not be null");
			return this;
		}

		/**
		 * Returns the Reader. Makes no call to the event log or the processor.
		 * @return the Reader
		 */
		public Reader build() {
			return new Reader(this);
		}

	}

}
