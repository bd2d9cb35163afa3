package io.eventhorizon.inmemory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.CursorBeyondHeadException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.EventLogSupport;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.event.MetaEvents;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventLog} in memory, with the same semantics as the DynamoDB one: the same
 * meta events, conflicts, errors, item size limit and paging. Each entry keeps the
 * {@link CommandRecord} it was appended with. Use it as the embedded default of a
 * single-instance application and in tests; its content is lost on exit.
 * <p>
 * Thread-safe: reads run concurrently, writes one at a time, and creating a stream is
 * atomic.
 *
 * @since 0.1.0
 */
public final class InMemoryEventLog implements EventLog {

	/** Entries per page, as the DynamoDB event log reads them. */
	public static final int DEFAULT_PAGE_SIZE = 100;

	private final Map<StreamName, List<LogEntry>> streams = new HashMap<>();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Clock clock;

	private final int pageSize;

	private final RetryPolicy retryPolicy;

	private final InMemoryChangeFeed changeFeed;

	/**
	 * Creates an empty log with the system clock, pages of 100 and the default retry
	 * policy.
	 */
	public InMemoryEventLog() {
		this(Clock.systemUTC(), DEFAULT_PAGE_SIZE, RetryPolicy.DEFAULT);
	}

	/**
	 * Creates an empty log.
	 * @param clock the clock for the times of meta events
	 * @param pageSize the most entries one read returns
	 * @param retryPolicy the retries of {@link #append(StreamName, LogData)}
	 */
	public InMemoryEventLog(Clock clock, int pageSize, RetryPolicy retryPolicy) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
		}
		this.pageSize = pageSize;
		this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
		this.changeFeed = new InMemoryChangeFeed(pageSize);
	}

	@Override
	public ReadResult read(Cursor after) {
		Objects.requireNonNull(after, "after must not be null");
		this.lock.readLock().lock();
		try {
			List<LogEntry> entries = this.streams.get(after.stream());
			if (entries == null) {
				if (after.isBeginning()) {
					throw new StreamNotFoundException(after.stream());
				}
				return new ReadResult(List.of(), after, false);
			}
			List<LogEntry> page = new ArrayList<>();
			long version = after.version() + 1;
			for (; version < entries.size() && page.size() < this.pageSize; version++) {
				page.add(entries.get((int) version));
			}
			Cursor last = page.isEmpty() ? after : page.get(page.size() - 1).cursor();
			return new ReadResult(page, last, version < entries.size());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public Cursor head(StreamName stream) {
		Objects.requireNonNull(stream, "stream must not be null");
		this.lock.readLock().lock();
		try {
			return stream.at(existing(stream).size() - 1);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
		Cursor target = EventLogSupport.checkAppend(after, data, command);
		this.lock.writeLock().lock();
		try {
			List<LogEntry> entries = existing(after.stream());
			Cursor head = after.stream().at(entries.size() - 1);
			if (after.isAfter(head)) {
				throw new CursorBeyondHeadException(after, head);
			}
			if (after.isBefore(head)) {
				throw new OptimisticLockingException(after, head);
			}
			entries.add(new LogEntry(target, data, command));
			this.changeFeed.add(target, this.clock.millis());
			return target;
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public Cursor append(StreamName stream, LogData data) {
		return EventLogSupport.appendAtHead(this, stream, data, this.retryPolicy);
	}

	@Override
	public Cursor createStream(StreamName stream) {
		StreamName parent = EventLogSupport.parentToCreateIn(stream);
		this.lock.writeLock().lock();
		try {
			List<LogEntry> parentEntries = this.streams.get(parent);
			if (parentEntries == null) {
				throw EventLogSupport.parentMissing(stream, parent);
			}
			if (this.streams.containsKey(stream)) {
				throw new StreamAlreadyExistsException(stream);
			}
			List<LogEntry> entries = new ArrayList<>();
			entries.add(new LogEntry(stream.at(0), MetaEvents.streamStarted(this.clock.instant())));
			parentEntries.add(new LogEntry(parent.at(parentEntries.size()),
					MetaEvents.childStreamCreated(stream, this.clock.instant())));
			this.streams.put(stream, entries);
			this.changeFeed.add(parent.at(parentEntries.size() - 1), this.clock.millis());
			this.changeFeed.add(stream.at(0), this.clock.millis());
			return stream.at(0);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public void bootstrap() {
		this.lock.writeLock().lock();
		try {
			this.streams.computeIfAbsent(StreamName.root(), (root) -> {
				List<LogEntry> entries = new ArrayList<>();
				entries.add(new LogEntry(root.at(0), MetaEvents.streamStarted(this.clock.instant())));
				return entries;
			});
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * Returns the change feed, in which every entry below the root is visible as soon as
	 * the entry is.
	 * @return the change feed
	 */
	@Override
	public Optional<ChangeFeed> changeFeed() {
		return Optional.of(this.changeFeed);
	}

	private List<LogEntry> existing(StreamName stream) {
		List<LogEntry> entries = this.streams.get(stream);
		if (entries == null) {
			throw new StreamNotFoundException(stream);
		}
		return entries;
	}

}
