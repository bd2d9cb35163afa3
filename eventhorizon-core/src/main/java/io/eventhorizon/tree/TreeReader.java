package io.eventhorizon.tree;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.eventhorizon.client.EventAtLine;
import io.eventhorizon.client.FailureClassifier;
import io.eventhorizon.client.FailureStreak;
import io.eventhorizon.client.PoisonPolicy;
import io.eventhorizon.client.ProcessorCursorMismatchException;
import io.eventhorizon.client.ProcessorStoppedException;
import io.eventhorizon.client.ReaderListener;
import io.eventhorizon.client.ReaderStats;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.client.StandardFailureClassifier;
import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.FeedPage;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MetaEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one {@link TreeProcessor} every entry of every stream strictly below a stream (its
 * tree), including streams created later, finding the streams that moved through the event
 * log's {@link ChangeFeed} (see {@code docs/stream-trees.md}).
 * <p>
 * The feed is a hint, never the truth: for each record of a stream whose stored cursor is
 * before the record's entry, the reader reads the stream itself from the cursor to its head
 * (strongly consistent) and feeds each entry through
 * {@link TreeProcessor#processEvents(StreamName, EntryHandler)}, which checks the cursor
 * inside the processor's transaction. A record that is late, duplicated or out of order is
 * therefore harmless. Each poll reads every partition again over an overlap window (writer
 * clocks apart, an index visible late), every backtrack interval over the backtrack window,
 * and every sweep interval the reader walks the whole tree from its top, following the
 * {@code $stream.ChildStreamCreated} announcements.
 * <p>
 * <b>Order.</b> Each stream's entries are fed in the stream's order, each once per
 * processor, with no gap. Across streams no order is promised.
 * <p>
 * <b>Thread-safety.</b> A TreeReader may be used from any number of threads: loads, sweeps
 * and rebuilds take one lock, so the processor is called by one thread at a time; a call
 * that starts while another runs waits for it. Snapshots are stored on the snapshot
 * executor, at most one at a time. {@link #stats()} may be read from any thread. Within a
 * poll, the feed's partitions and the first page of each stream that moved are read on
 * the read executor, up to {@link Builder#readConcurrency(int)} at once; the processor is
 * only ever called on the thread that holds the lock, one stream after another.
 *
 * @since 0.1.0
 */
public final class TreeReader implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TreeReader.class);

	/** The default overlap: each poll reads every partition again from 15 s before its frontier. */
	public static final Duration DEFAULT_OVERLAP = Duration.ofSeconds(15);

	/** The default backtrack window: a backtrack reads every partition from 15 minutes before the previous one. */
	public static final Duration DEFAULT_BACKTRACK_WINDOW = Duration.ofMinutes(15);

	/** The default backtrack interval: one backtrack a minute. */
	public static final Duration DEFAULT_BACKTRACK_INTERVAL = Duration.ofMinutes(1);

	/** The default sweep interval: the whole tree is walked once a day. */
	public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(24);

	/** The default read concurrency: up to 8 feed partitions or streams are read at once. */
	public static final int DEFAULT_READ_CONCURRENCY = 8;

	private static final int MAX_REDISCOVERIES_PER_STREAM = 3;

	private static final Duration READ_THREAD_KEEP_ALIVE = Duration.ofSeconds(30);

	private static final EventLineCodec META_CODEC = new EventLineCodec(EventTypes.builder().build());

	private static final ExecutorService DEFAULT_SNAPSHOT_EXECUTOR = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "eventhorizon-tree-snapshots");
		thread.setDaemon(true);
		return thread;
	});

	private final TreeProcessor processor;

	private final EventLog eventLog;

	private final ChangeFeed feed;

	private final StreamName tree;

	private final @Nullable SnapshotStore snapshotStore;

	private final @Nullable SnapshotPerspective perspective;

	private final EventLineCodec codec;

	private final SnapshotPolicy snapshotPolicy;

	private final Executor snapshotExecutor;

	private final ReaderListener listener;

	private final Clock clock;

	private final PoisonPolicy poisonPolicy;

	private final int poisonAttempts;

	private final FailureClassifier failureClassifier;

	private final long overlapMillis;

	private final long backtrackWindowMillis;

	private final long backtrackIntervalMillis;

	private final long sweepIntervalMillis;

	private final ReadsAhead reads;

	private final @Nullable ExecutorService ownReadExecutor;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock: the cursor the processor stored for each stream, as last known. Never
	// ahead of the processor's: it is set after a commit, and read again after a mismatch.
	private final Map<StreamName, Cursor> cursors = new HashMap<>();

	// Guarded by lock: null until the reader has started (or after a reset).
	private @Nullable FeedPosition position;

	// Guarded by lock.
	private boolean sweepDue;

	// Guarded by lock.
	private boolean backtrackDue;

	// Guarded by lock.
	private long lastSweepMillis;

	// Guarded by lock.
	private long lastBacktrackMillis;

	// Guarded by lock: streams with entries not fed because the processor failed on them;
	// caught up first at every load, and no position is stored while there are any.
	private final Set<StreamName> behind = new LinkedHashSet<>();

	// Guarded by lock: while the processor is restored, the entry it failed on and the
	// stream's later entries are not fed.
	private @Nullable Cursor holdBack;

	// Guarded by lock: the first failure of a stream's entry in the running poll, and the
	// streams that failed; the poll goes on with the other streams and throws it at its end.
	private @Nullable RuntimeException pollFailure;

	private final Set<StreamName> failedInPoll = new HashSet<>();

	// Guarded by lock.
	private boolean skipSnapshotOnce;

	// Guarded by lock.
	private final FailureStreak failureStreak = new FailureStreak();

	// Guarded by lock: entries skipped as poison, skipped whole again when the processor is restored.
	private final Set<Cursor> poisonedCursors = new HashSet<>();

	// Guarded by lock: events of the entry being fed that the processor applied so far.
	private int eventsAppliedOfEntry;

	// Guarded by lock.
	private boolean restoring;

	// Guarded by lock.
	private @Nullable ProcessorStoppedException stopped;

	private final LongAdder entriesProcessed = new LongAdder();

	private final LongAdder eventsProcessed = new LongAdder();

	private final Map<String, AtomicLong> skippedEventsByType = new ConcurrentHashMap<>();

	private final LongAdder skippedEntriesOfUnknownKind = new LongAdder();

	private final LongAdder poisonedEntries = new LongAdder();

	private final LongAdder snapshotsInstalled = new LongAdder();

	private final LongAdder snapshotsStored = new LongAdder();

	private final LongAdder snapshotFailures = new LongAdder();

	private final AtomicLong entriesAtSnapshot = new AtomicLong();

	private final AtomicBoolean snapshotInFlight = new AtomicBoolean();

	private final AtomicReference<@Nullable Cursor> storedSnapshotCursor = new AtomicReference<>();

	private volatile @Nullable Instant lastSnapshotStore;

	private volatile @Nullable Instant lastRealtime;

	private TreeReader(Builder builder) {
		this.processor = builder.processor;
		this.eventLog = builder.eventLog;
		this.feed = builder.eventLog.changeFeed().orElseThrow(() -> new NoChangeFeedException(builder.eventLog));
		this.tree = builder.tree;
		this.snapshotStore = builder.snapshotStore;
		this.perspective = (builder.snapshotStore != null) ? this.processor.snapshotPerspective().orElse(null) : null;
		this.codec = (builder.codec != null) ? builder.codec.withTypes(this.processor.eventTypes())
				: new EventLineCodec(this.processor.eventTypes());
		this.snapshotPolicy = builder.snapshotPolicy;
		this.snapshotExecutor = builder.snapshotExecutor;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.poisonPolicy = builder.poisonPolicy;
		this.poisonAttempts = builder.poisonAttempts;
		this.failureClassifier = builder.failureClassifier;
		this.overlapMillis = builder.overlap.toMillis();
		this.backtrackWindowMillis = builder.backtrackWindow.toMillis();
		this.backtrackIntervalMillis = builder.backtrackInterval.toMillis();
		this.sweepIntervalMillis = builder.sweepInterval.toMillis();
		Executor readExecutor = builder.readExecutor;
		if (readExecutor == null && builder.readConcurrency > 1) {
			this.ownReadExecutor = newReadExecutor(builder.readConcurrency, this.tree);
			readExecutor = this.ownReadExecutor;
		}
		else {
			this.ownReadExecutor = null;
		}
		this.reads = new ReadsAhead((readExecutor != null) ? readExecutor : Runnable::run, builder.readConcurrency);
	}

	// Bounded, and its threads end when the reader has been idle a while, so that a reader
	// nobody closes keeps no thread.
	private static ExecutorService newReadExecutor(int concurrency, StreamName tree) {
		AtomicLong threads = new AtomicLong();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(concurrency, concurrency,
				READ_THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "eventhorizon-tree-reads-" + tree + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Returns a builder for a TreeReader that feeds {@code processor} every entry of every
	 * stream strictly below {@code tree} in {@code eventLog}.
	 * @param processor the processor
	 * @param eventLog the event log; it must keep a change feed
	 * @param tree the top of the tree, not the root
	 * @return a new builder
	 */
	public static Builder builder(TreeProcessor processor, EventLog eventLog, StreamName tree) {
		return new Builder(processor, eventLog, tree);
	}

	/**
	 * Feeds the processor every entry that the change feed shows moved since the last poll
	 * (one poll, see {@code docs/stream-trees.md}), then stores the feed position with the
	 * processor. The first call of a processor with no stored position and no snapshot walks
	 * the whole tree. Events of unknown types and entries of unknown kinds are skipped
	 * (counted, logged once) while the stream's cursor still advances past them.
	 * @return the number of entries fed in this call
	 * @throws io.eventhorizon.event.MalformedEntryException if an entry cannot be read; the
	 * processor stays before it
	 * @throws ProcessorStoppedException if the processor failed in the middle of an entry and
	 * could not be reset
	 * @throws RuntimeException whatever the processor, the event log or the feed throws; the
	 * processor stays before the entry that failed, which the next call tries again
	 */
	public int loadUntilRealtime() {
		return locked(false, this::load);
	}

	/**
	 * Walks the whole tree now, as the reader does every sweep interval: reads every stream
	 * of the tree, following the announcements of children, and feeds what the processor
	 * has not seen. Finds entries whose feed records became visible later than the
	 * backtrack window, or were written before the feed existed.
	 * @return the number of entries fed in this call
	 */
	public int sweep() {
		return locked(false, () -> {
			this.sweepDue = true;
			return load();
		});
	}

	/**
	 * Resets the processor and loads it again: from its newest snapshot when
	 * {@code fromSnapshot} (and a store is configured), otherwise by walking the whole tree.
	 * @param fromSnapshot whether to start from the newest snapshot
	 * @return the number of entries fed
	 * @throws IllegalStateException if the processor cannot be reset
	 */
	public int rebuild(boolean fromSnapshot) {
		return locked(true, () -> {
			this.processor.reset();
			this.stopped = null;
			this.poisonedCursors.clear();
			this.failureStreak.clear();
			forgetProgress();
			this.skipSnapshotOnce = !fromSnapshot;
			logger.info("Rebuilding {} of {} from {}", this.processor.getClass().getSimpleName(), this.tree,
					fromSnapshot ? "its newest snapshot" : "the whole tree");
			return load();
		});
	}

	/**
	 * Returns the processor.
	 * @return the processor
	 */
	public TreeProcessor processor() {
		return this.processor;
	}

	/**
	 * Returns the top of the tree whose streams are followed.
	 * @return the tree
	 */
	public StreamName tree() {
		return this.tree;
	}

	/**
	 * Returns what this reader has done so far. The cursor is {@code null} before the first
	 * load completed, then {@code tree.at(n)} with {@code n} the entries fed so far.
	 * @return the statistics
	 */
	public ReaderStats stats() {
		Map<String, Long> skipped = new TreeMap<>();
		this.skippedEventsByType.forEach((type, count) -> skipped.put(type, count.get()));
		Instant realtime = this.lastRealtime;
		long entries = this.entriesProcessed.sum();
		return new ReaderStats((realtime != null) ? this.tree.at(entries) : null, entries, this.eventsProcessed.sum(),
				skipped, this.skippedEntriesOfUnknownKind.sum(), this.poisonedEntries.sum(),
				this.snapshotsInstalled.sum(), this.snapshotsStored.sum(), this.snapshotFailures.sum(), realtime);
	}

	/**
	 * Returns the cursor of the newest snapshot this reader installed or stored:
	 * {@code tree.at(n)} with {@code n} the entries applied across the tree when it was
	 * taken. May be read from any thread.
	 * @return the cursor, or empty if none is known
	 */
	public Optional<Cursor> storedSnapshotCursor() {
		return Optional.ofNullable(this.storedSnapshotCursor.get());
	}

	/**
	 * Stops the threads this reader reads with, when it made them itself (no
	 * {@link Builder#readExecutor(Executor) read executor} was given); a given executor is
	 * left alone. The reader stays usable: it then reads on the calling thread, one read
	 * after another.
	 */
	@Override
	public void close() {
		if (this.ownReadExecutor != null) {
			this.ownReadExecutor.shutdown();
		}
	}

	private int locked(boolean clearsStop, LoadStep step) {
		this.lock.lock();
		try {
			if (!clearsStop && this.stopped != null) {
				throw this.stopped;
			}
			return step.run();
		}
		catch (RuntimeException ex) {
			this.listener.loadFailed(ex);
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	// Guarded by lock: one poll; returns the entries fed.
	private int load() {
		long before = this.entriesProcessed.sum();
		long now = this.clock.millis();
		if (!this.restoring) {
			this.pollFailure = null;
			this.failedInPoll.clear();
		}
		if (this.position == null) {
			start(now);
		}
		for (StreamName stream : List.copyOf(this.behind)) {
			follow(stream, false, null);
			Cursor held = this.holdBack;
			if ((held == null || !held.stream().equals(stream)) && !this.failedInPoll.contains(stream)) {
				this.behind.remove(stream);
			}
		}
		if (this.sweepDue || now - this.lastSweepMillis >= this.sweepIntervalMillis) {
			follow(this.tree, true, null);
			this.sweepDue = false;
			this.lastSweepMillis = now;
		}
		boolean backtrack = this.backtrackDue || now - this.lastBacktrackMillis >= this.backtrackIntervalMillis;
		// From the window before the previous backtrack, not before now: a record that became
		// visible just after it, almost a window late, would otherwise fall between the two.
		long backtrackFrom = Math.min(this.lastBacktrackMillis, now) - this.backtrackWindowMillis;
		FeedPosition polled = Objects.requireNonNull(this.position);
		List<PartitionRead> partitions = new ArrayList<>();
		for (int partition = 0; partition < ChangeFeed.PARTITIONS; partition++) {
			long from = Math.min(polled.frontier(partition), now) - this.overlapMillis;
			partitions.add(new PartitionRead(partition, (backtrack && backtrackFrom < from) ? backtrackFrom : from));
		}
		// The partitions are read all at once; the streams they show moved are read ahead of
		// the processor, which is fed on this thread, one stream after another.
		Map<StreamName, Cursor> moved = new LinkedHashMap<>();
		this.reads.forEachInOrder(partitions, this::readPartition, (partition, newest) -> {
			for (Cursor entry : newest) {
				moved.merge(entry.stream(), entry, (one, other) -> one.isAfter(other) ? one : other);
			}
		});
		List<Cursor> toRead = new ArrayList<>();
		for (Cursor entry : moved.values()) {
			Cursor known = knownCursor(entry.stream());
			if (entry.isAfter(known)) {
				toRead.add(known);
			}
		}
		this.reads.forEachInOrder(toRead, this::readAhead, (known, firstPage) -> {
			if (moved.get(known.stream()).isAfter(knownCursor(known.stream()))) {
				follow(known.stream(), false, firstPage);
			}
		});
		for (PartitionRead partition : partitions) {
			// The partition was read whole, so it is read up to now less the overlap (as at the
			// first start) even when the tree's records in it are old: records of other trees
			// of the top-level stream, filtered out, are then not read again by every poll.
			long readUpTo = Math.max(partition.seen, now - this.overlapMillis);
			// A nested restore may have replaced the position: take the newest.
			FeedPosition current = Objects.requireNonNull(this.position);
			this.position = current.with(partition.number, Math.max(current.frontier(partition.number), readUpTo));
		}
		if (backtrack) {
			this.backtrackDue = false;
			this.lastBacktrackMillis = now;
		}
		RuntimeException failure = this.pollFailure;
		if (failure != null && !this.restoring) {
			// The failed streams stay behind, retried first by every poll from their cursors:
			// the frontiers may move on without them.
			this.pollFailure = null;
			throw failure;
		}
		if (this.behind.isEmpty()) {
			this.processor.storePosition(Objects.requireNonNull(this.position));
		}
		long entries = this.entriesProcessed.sum();
		this.lastRealtime = this.clock.instant();
		this.listener.realtimeReached(this.tree.at(entries));
		maybeStoreSnapshot(entries);
		return (int) (entries - before);
	}

	// Takes the processor's stored position, or its newest snapshot's, or, with neither,
	// starts the feed just before now and walks the whole tree: everything written before
	// the walk began is fed by the walk, everything after by the feed.
	private void start(long now) {
		Optional<FeedPosition> stored = this.processor.storedPosition();
		if (stored.isEmpty() && this.perspective != null && !this.skipSnapshotOnce) {
			installNewestSnapshot();
			stored = this.processor.storedPosition();
		}
		this.skipSnapshotOnce = false;
		this.lastSweepMillis = now;
		this.lastBacktrackMillis = now;
		if (stored.isPresent()) {
			this.position = stored.get();
			// Records that became visible late while the reader was down.
			this.backtrackDue = true;
		}
		else {
			this.position = FeedPosition.at(now - this.overlapMillis);
			this.sweepDue = true;
		}
	}

	// Reads one partition from a time on, on a reading thread: records the latest record
	// time seen and returns the newest entry recorded of each stream of the tree.
	private Collection<Cursor> readPartition(PartitionRead partition) {
		Map<StreamName, Cursor> newest = new LinkedHashMap<>();
		FeedQuery query = new FeedQuery(this.tree, partition.number, partition.fromMillis, null);
		while (true) {
			FeedPage page = this.feed.read(query);
			for (FeedRecord record : page.records()) {
				partition.seen = Math.max(partition.seen, record.timeMillis());
				Cursor entry = record.entry();
				if (entry.stream().isDescendantOf(this.tree)) {
					newest.merge(entry.stream(), entry, (one, other) -> one.isAfter(other) ? one : other);
				}
			}
			FeedRecord last = page.last();
			if (!page.more() || last == null) {
				return newest.values();
			}
			query = query.after(last);
		}
	}

	// Reads the first page of a stream after a cursor, on a reading thread; a failure is
	// kept, to be thrown where the stream is fed.
	private FirstPage readAhead(Cursor after) {
		try {
			return new FirstPage(after, this.eventLog.read(after), null);
		}
		catch (RuntimeException ex) {
			return new FirstPage(after, null, ex);
		}
	}

	// Follows streams to their heads, and the children they announce: all of them when
	// walking the tree, otherwise those the processor has not seen at all.
	// The first page of the first stream may have been read ahead.
	private void follow(StreamName first, boolean walk, @Nullable FirstPage firstPage) {
		Deque<StreamName> pending = new ArrayDeque<>(List.of(first));
		Set<StreamName> followed = new HashSet<>();
		while (!pending.isEmpty()) {
			StreamName stream = pending.poll();
			if (!followed.add(stream) || this.failedInPoll.contains(stream)) {
				// A stream whose entry failed in this poll is tried again by the next one.
				continue;
			}
			Set<StreamName> children;
			try {
				children = readStream(stream, walk, stream.equals(first) ? firstPage : null);
			}
			catch (RuntimeException failure) {
				holdBackAfterFailure(stream, failure);
				continue;
			}
			for (StreamName child : children) {
				if (walk || knownCursor(child).isBeginning()) {
					pending.add(child);
				}
			}
		}
	}

	// Feeds a stream's entries after its cursor, up to its head; returns the children
	// announced in the entries read. A walk reads the stream from its beginning, to find
	// every child; the top of the tree is read, never fed.
	private Set<StreamName> readStream(StreamName stream, boolean walk, @Nullable FirstPage firstPage) {
		Set<StreamName> children = new LinkedHashSet<>();
		boolean fed = !stream.equals(this.tree);
		int rediscoveries = 0;
		Cursor after = (walk || !fed) ? stream.beginning() : knownCursor(stream);
		try {
			boolean more = true;
			while (more) {
				ReadResult page = (firstPage != null && firstPage.after().equals(after)) ? firstPage.result()
						: this.eventLog.read(after);
				firstPage = null;
				more = page.more();
				for (LogEntry entry : page.entries()) {
					if (entry.data().kind().equals(LogDataKind.META)) {
						children.addAll(announcedChildren(entry));
					}
					if (fed && entry.cursor().isAfter(knownCursor(stream)) && !heldBack(entry.cursor())) {
						try {
							feed(entry);
						}
						catch (ProcessorCursorMismatchException mismatch) {
							if (++rediscoveries > MAX_REDISCOVERIES_PER_STREAM) {
								throw mismatch;
							}
							logger.warn("{}; discovering the processor's cursor of {} again", mismatch.getMessage(),
									stream);
							this.listener.cursorRediscovered(mismatch);
							this.cursors.remove(stream);
							after = walk ? stream.beginning() : knownCursor(stream);
							more = true;
							break;
						}
					}
					after = entry.cursor();
				}
			}
		}
		catch (StreamNotFoundException ex) {
			if (!after.isBeginning()) {
				throw ex;
			}
			// Missing, or still being created: the creation's last step re-surfaces it in the feed.
			logger.debug("Skipping {} for now: {}", stream, ex.getMessage());
		}
		return children;
	}

	// An entry of the stream failed to apply (feed() put the stream behind): the poll goes on
	// with the other streams, so that one entry that keeps failing does not stop the whole
	// tree. Any other failure (a read, a stopped processor, one during a restore) ends the
	// poll, as the other streams would meet it too.
	private void holdBackAfterFailure(StreamName stream, RuntimeException failure) {
		if (this.restoring || this.stopped != null || !this.behind.contains(stream)) {
			throw failure;
		}
		this.failedInPoll.add(stream);
		if (this.pollFailure == null) {
			this.pollFailure = failure;
		}
		else if (this.pollFailure != failure) {
			this.pollFailure.addSuppressed(failure);
		}
	}

	private List<StreamName> announcedChildren(LogEntry entry) {
		List<StreamName> children = new ArrayList<>();
		for (Event event : META_CODEC.decode(entry).events()) {
			if (event.payload() instanceof MetaEvents.ChildStreamCreated created) {
				StreamName child = StreamName.of(created.stream());
				if (child.isDescendantOf(this.tree)) {
					children.add(child);
				}
			}
		}
		return children;
	}

	private boolean heldBack(Cursor entry) {
		Cursor held = this.holdBack;
		return held != null && held.stream().equals(entry.stream()) && !entry.isBefore(held);
	}

	private Cursor knownCursor(StreamName stream) {
		Cursor cursor = this.cursors.get(stream);
		if (cursor == null) {
			cursor = this.processor.storedCursor(stream);
			this.cursors.put(stream, cursor);
		}
		return cursor;
	}

	private void feed(LogEntry entry) {
		StreamName stream = entry.cursor().stream();
		DecodedEntry decoded = this.codec.decode(entry);
		boolean applied = !this.poisonedCursors.contains(entry.cursor());
		try {
			commit(entry, applied ? decoded.events() : List.of(), decoded.lines());
		}
		catch (ProcessorCursorMismatchException mismatch) {
			throw mismatch;
		}
		catch (RuntimeException failure) {
			this.behind.add(stream);
			skipOrRethrow(entry, failure);
			applied = false;
		}
		this.cursors.put(stream, entry.cursor());
		this.entriesProcessed.increment();
		if (applied) {
			this.eventsProcessed.add(decoded.events().size());
		}
		for (String type : decoded.skippedTypes()) {
			if (this.skippedEventsByType.computeIfAbsent(type, (key) -> new AtomicLong()).getAndIncrement() == 0) {
				logger.info("Skipping events of type \"{}\" (first at {}): {} does not know it", type, entry.cursor(),
						this.processor.getClass().getSimpleName());
			}
			this.listener.eventTypeSkipped(type, entry.cursor());
		}
		if (decoded.isUnknownKind()) {
			this.skippedEntriesOfUnknownKind.increment();
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
			this.failureStreak.clear();
			throw failure;
		}
		int failures = this.failureStreak.record(entry.cursor(), failure);
		if (failures < this.poisonAttempts) {
			throw failure;
		}
		commit(entry, List.of(), List.of());
		this.poisonedCursors.add(entry.cursor());
		this.poisonedEntries.increment();
		logger.error("Skipped entry {}: {} failed to apply it {} times in a row (poison policy SKIP)", entry.cursor(),
				this.processor.getClass().getSimpleName(), failures, failure);
		this.listener.entryPoisoned(entry.cursor(), failure);
	}

	// The processor applied part of the failed entry and cannot undo it: reset it and load it
	// again (from its newest snapshot, or by walking the tree) without the failed entry and
	// its stream's later entries, or stop it for good if it cannot be reset.
	private void restoreBefore(Cursor failed, RuntimeException failure) {
		logger.warn("{} failed in the middle of entry {}; resetting it and loading it again without the entry",
				this.processor.getClass().getSimpleName(), failed);
		resetOrStop(failed, failure);
		this.restoring = true;
		this.holdBack = failed;
		this.behind.add(failed.stream());
		try {
			load();
		}
		catch (RuntimeException replay) {
			resetOrStop(failed, failure);
			failure.addSuppressed(replay);
			throw failure;
		}
		finally {
			this.restoring = false;
			this.holdBack = null;
		}
		this.behind.add(failed.stream());
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
		forgetProgress();
	}

	private void forgetProgress() {
		this.cursors.clear();
		this.behind.clear();
		this.position = null;
		this.sweepDue = false;
		this.backtrackDue = false;
	}

	// Applies events and commits the entry's cursor within the processor's transaction.
	private void commit(LogEntry entry, List<Event> events, List<Integer> lines) {
		this.eventsAppliedOfEntry = 0;
		StreamName stream = entry.cursor().stream();
		Cursor expected = knownCursor(stream);
		if (!entry.cursor().equals(expected.next())) {
			// Feeding it would apply an entry twice or leave a gap: never commit it.
			throw new IllegalStateException("Entry " + entry.cursor() + " does not follow the processor's cursor "
					+ expected);
		}
		AtomicBoolean committed = new AtomicBoolean();
		this.processor.processEvents(stream, (storedCursor, handleEvent, commit) -> {
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

	private void installNewestSnapshot() {
		SnapshotStore store = Objects.requireNonNull(this.snapshotStore);
		SnapshotPerspective perspective = Objects.requireNonNull(this.perspective);
		Optional<Snapshot> snapshot;
		try {
			snapshot = store.read(this.tree, perspective);
		}
		catch (RuntimeException ex) {
			snapshotFailed("load", ex);
			return;
		}
		if (snapshot.isEmpty()) {
			logger.debug("No snapshot {} of {}; walking the tree", perspective, this.tree);
			return;
		}
		try {
			this.processor.installSnapshot(snapshot.get());
		}
		catch (RuntimeException ex) {
			snapshotFailed("install", ex);
			return;
		}
		this.cursors.clear();
		this.entriesAtSnapshot.set(this.entriesProcessed.sum());
		this.storedSnapshotCursor.set(snapshot.get().cursor());
		this.snapshotsInstalled.increment();
		this.listener.snapshotInstalled(snapshot.get());
		logger.debug("Installed snapshot {} of {} at {}", perspective, this.tree, snapshot.get().cursor());
	}

	private void maybeStoreSnapshot(long entries) {
		if (this.perspective == null || !this.behind.isEmpty()) {
			return;
		}
		Instant last = this.lastSnapshotStore;
		Instant now = this.clock.instant();
		if (!this.snapshotPolicy.allows(entries - this.entriesAtSnapshot.get(),
				(last != null) ? Duration.between(last, now) : null)
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
		this.entriesAtSnapshot.set(entries);
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

	// One partition's part of a poll: where it is read from, and the latest record time seen
	// (written by the reading thread, read after the read completed).
	private static final class PartitionRead {

		private final int number;

		private final long fromMillis;

		private long seen = Long.MIN_VALUE;

		PartitionRead(int number, long fromMillis) {
			this.number = number;
			this.fromMillis = fromMillis;
		}

	}

	// The first page of a stream after a cursor, read ahead of the processor, or why it could not be read.
	private record FirstPage(Cursor after, @Nullable ReadResult page, @Nullable RuntimeException failure) {

		ReadResult result() {
			if (this.failure != null) {
				throw this.failure;
			}
			return Objects.requireNonNull(this.page);
		}

	}

	@FunctionalInterface
	private interface LoadStep {

		int run();

	}

	/**
	 * Configures a {@link TreeReader}. Not thread-safe.
	 */
	public static final class Builder {

		private final TreeProcessor processor;

		private final EventLog eventLog;

		private final StreamName tree;

		private @Nullable SnapshotStore snapshotStore;

		private SnapshotPolicy snapshotPolicy = SnapshotPolicy.DEFAULT;

		private Executor snapshotExecutor = DEFAULT_SNAPSHOT_EXECUTOR;

		private ReaderListener listener = ReaderListener.NONE;

		private Clock clock = Clock.systemUTC();

		private PoisonPolicy poisonPolicy = PoisonPolicy.STOP;

		private int poisonAttempts = 3;

		private FailureClassifier failureClassifier = new StandardFailureClassifier();

		private @Nullable EventLineCodec codec;

		private Duration overlap = DEFAULT_OVERLAP;

		private Duration backtrackWindow = DEFAULT_BACKTRACK_WINDOW;

		private Duration backtrackInterval = DEFAULT_BACKTRACK_INTERVAL;

		private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;

		private int readConcurrency = DEFAULT_READ_CONCURRENCY;

		private @Nullable Executor readExecutor;

		private Builder(TreeProcessor processor, EventLog eventLog, StreamName tree) {
			this.processor = Objects.requireNonNull(processor, "processor must not be null");
			this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
			this.tree = Objects.requireNonNull(tree, "tree must not be null");
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
		 * Sets when snapshots are stored; {@link SnapshotPolicy#DEFAULT} by default. The
		 * entries counted are those fed across the whole tree.
		 * @param snapshotPolicy the policy
		 * @return this builder
		 */
		public Builder snapshotPolicy(SnapshotPolicy snapshotPolicy) {
			this.snapshotPolicy = Objects.requireNonNull(snapshotPolicy, "snapshotPolicy must not be null");
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
		 * Sets the reader's clock: the feed windows, the intervals, the snapshot policy and
		 * the statistics use it.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets the codec the writers use, so that the reader reads payloads with the same
		 * JSON mapper; a codec with {@link EventLineCodec#defaultMapper()} by default.
		 * @param codec the writers' codec
		 * @return this builder
		 */
		public Builder codec(EventLineCodec codec) {
			this.codec = Objects.requireNonNull(codec, "codec must not be null");
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
		 * Sets how far before its frontier each poll reads every partition again;
		 * {@link TreeReader#DEFAULT_OVERLAP 15 s} by default. It must cover how far writer
		 * clocks are apart plus how late the feed's records become visible.
		 * @param overlap the overlap, not negative
		 * @return this builder
		 */
		public Builder overlap(Duration overlap) {
			this.overlap = notNegative("overlap", overlap);
			return this;
		}

		/**
		 * Sets how far back a backtrack reads every partition;
		 * {@link TreeReader#DEFAULT_BACKTRACK_WINDOW 15 min} by default.
		 * @param backtrackWindow the window, not negative
		 * @return this builder
		 */
		public Builder backtrackWindow(Duration backtrackWindow) {
			this.backtrackWindow = notNegative("backtrackWindow", backtrackWindow);
			return this;
		}

		/**
		 * Sets how often a poll also backtracks;
		 * {@link TreeReader#DEFAULT_BACKTRACK_INTERVAL 1 min} by default.
		 * @param backtrackInterval the interval, not negative
		 * @return this builder
		 */
		public Builder backtrackInterval(Duration backtrackInterval) {
			this.backtrackInterval = notNegative("backtrackInterval", backtrackInterval);
			return this;
		}

		/**
		 * Sets how often a poll first walks the whole tree;
		 * {@link TreeReader#DEFAULT_SWEEP_INTERVAL 24 h} by default.
		 * @param sweepInterval the interval, not negative
		 * @return this builder
		 */
		public Builder sweepInterval(Duration sweepInterval) {
			this.sweepInterval = notNegative("sweepInterval", sweepInterval);
			return this;
		}

		/**
		 * Sets how many reads a poll makes at once: feed partitions, then the first page of
		 * each stream that moved; {@link TreeReader#DEFAULT_READ_CONCURRENCY 8} by default.
		 * The processor is still fed on the polling thread, one entry at a time, each
		 * stream's entries in order. 1 reads one partition or stream after another, on the
		 * polling thread.
		 * @param readConcurrency the reads at once, at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if {@code readConcurrency} is less than 1
		 */
		public Builder readConcurrency(int readConcurrency) {
			if (readConcurrency < 1) {
				throw new IllegalArgumentException("readConcurrency must be at least 1, was " + readConcurrency);
			}
			this.readConcurrency = readConcurrency;
			return this;
		}

		/**
		 * Sets where the reads of a poll run, at most
		 * {@link #readConcurrency(int) readConcurrency} at once; by default the reader makes
		 * a pool of that many daemon threads of its own, ended by {@link TreeReader#close()}
		 * or after 30 s without reads. A read the executor refuses runs on the polling
		 * thread.
		 * @param readExecutor the executor
		 * @return this builder
		 */
		public Builder readExecutor(Executor readExecutor) {
			this.readExecutor = Objects.requireNonNull(readExecutor, "readExecutor must not be null");
			return this;
		}

		/**
		 * Returns the TreeReader. Makes no call to the event log, its feed or the processor.
		 * @return the TreeReader
		 * @throws NoChangeFeedException if the event log keeps no change feed
		 * @throws IllegalArgumentException if the tree is the root
		 */
		public TreeReader build() {
			if (this.tree.isRoot()) {
				throw new IllegalArgumentException(
						"The root stream / cannot be followed as a tree; follow a stream below it, such as /bank");
			}
			return new TreeReader(this);
		}

		private static Duration notNegative(String name, Duration value) {
			Objects.requireNonNull(value, name + " must not be null");
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + value);
			}
			return value;
		}

	}

}
