package io.eventhorizon.aggregate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventhorizon.client.AttemptScope;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.ResultFormat;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.client.TransactWriteAction;
import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.client.TransactWriter;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregates of one {@link AggregateType}, each in its own stream
 * ({@code <parent>/<id>}), loaded on demand and kept in a bounded cache.
 * <p>
 * A command loads the aggregate (its newest snapshot and the entries after it, or the
 * cached state), validates against it and appends its events as one entry right after the
 * version it validated at. When another writer appended first, the commit conflicts; the
 * aggregate is refreshed and the command runs again (the attempts and backoff of the
 * {@link RetryPolicy}). A command on a cached aggregate appends without reading first; a
 * command rejected by its own validation is judged again when the stream had moved on
 * since the cached version, so that no rejection rests on stale state. Commands on
 * different aggregates never conflict: they write to different streams.
 * <pre class="code">
 * Aggregates&lt;Account&gt; accounts = Aggregates.builder(type, eventLog).snapshotStore(snapshotStore).build();
 * long balance = accounts.execute("acc-1", (account, events) -&gt; {
 *     if (account.balance() &lt; 30) throw new InsufficientFundsException();
 *     events.append(new Withdrawn(30));
 *     return account.balance() - 30;
 * });
 * </pre>
 * <p>
 * Thread-safe: commands on one aggregate from several threads run one at a time (each
 * holds the aggregate's Reader while it validates and commits), commands on different
 * aggregates in parallel. Several instances may command the same aggregates: the
 * conditional append keeps each stream consistent.
 *
 * @param <A> the aggregate's state type
 * @since 0.1.0
 */
public final class Aggregates<A> {

	private static final Logger logger = LoggerFactory.getLogger(Aggregates.class);

	/** The default bound of the cache: this many aggregates. */
	public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;

	/** The default expiry of a cached aggregate not used since. */
	public static final Duration DEFAULT_CACHE_EXPIRE_AFTER_ACCESS = Duration.ofMinutes(10);

	private final AggregateType<A> type;

	private final EventLog eventLog;

	private final @Nullable SnapshotStore snapshotStore;

	private final @Nullable Executor snapshotExecutor;

	private final RetryPolicy transactWritePolicy;

	private final int idempotencyWindow;

	private final Clock clock;

	private final EventLineCodec codec;

	private final TransactWriter refreshingWriter;

	private final TransactWriter cachedWriter;

	private final AttemptScope attemptScope;

	private final Cache<String, LoadedAggregate<A>> cache;

	private Aggregates(Builder<A> builder) {
		this.type = builder.type;
		this.eventLog = builder.eventLog;
		this.snapshotStore = builder.snapshotStore;
		this.snapshotExecutor = builder.snapshotExecutor;
		this.transactWritePolicy = builder.transactWritePolicy;
		this.idempotencyWindow = builder.idempotencyWindow;
		this.clock = builder.clock;
		this.codec = (builder.codec != null) ? builder.codec.withTypes(this.type.eventTypes())
				: new EventLineCodec(this.type.eventTypes());
		this.refreshingWriter = new TransactWriter(this.eventLog, builder.transactWritePolicy);
		this.cachedWriter = this.refreshingWriter.withoutRefreshBeforeFirstAttempt();
		this.attemptScope = builder.attemptScope;
		Caffeine<Object, Object> cache = Caffeine.newBuilder().maximumSize(builder.cacheMaximumSize);
		if (builder.cacheExpireAfterAccess != null) {
			cache.expireAfterAccess(builder.cacheExpireAfterAccess);
		}
		if (builder.cacheTicker != null) {
			cache.ticker(builder.cacheTicker::getAsLong);
		}
		this.cache = cache.build();
	}

	/**
	 * Returns a builder of the aggregates of a type, stored in an event log.
	 * @param <A> the aggregate's state type
	 * @param type the aggregate type
	 * @param eventLog the event log
	 * @return a new builder
	 */
	public static <A> Builder<A> builder(AggregateType<A> type, EventLog eventLog) {
		return new Builder<>(type, eventLog);
	}

	/**
	 * Returns the aggregate type.
	 * @return the type
	 */
	public AggregateType<A> type() {
		return this.type;
	}

	/**
	 * Creates an aggregate: creates its stream (below the type's parent, which must exist)
	 * and commits the command's events as its first entry. Of two creations of one id, on
	 * any instances, one commits; the other gets {@link StreamAlreadyExistsException}. A
	 * stream left without entries by a creation that crashed in between is taken over.
	 * @param <T> the command's result type
	 * @param id the aggregate's id, one valid stream name segment
	 * @param command the validation and the first events
	 * @return what the command returned
	 * @throws StreamAlreadyExistsException if the aggregate exists already
	 * @throws io.eventhorizon.core.StreamNotFoundException if the type's parent stream does
	 * not exist
	 * @throws io.eventhorizon.core.InvalidStreamNameException if the id is not a valid
	 * stream name segment
	 * @throws TransactWriteExhaustedException if every attempt lost the race
	 */
	public <T> @Nullable T create(String id, AggregateCommand<A, T> command) {
		return run(id, null, plainResults(), command, true);
	}

	/**
	 * Creates an aggregate with an idempotency key, as {@link #create(String, AggregateCommand)}
	 * does; a repeat of the key returns the first creation's result instead of failing.
	 * @param <T> the command's result type
	 * @param id the aggregate's id
	 * @param key the idempotency key
	 * @param resultType the result's class, to read a stored result back
	 * @param command the validation and the first events
	 * @return what the command returned, or the first run's result
	 */
	public <T> @Nullable T create(String id, IdempotencyKey key, Class<T> resultType, AggregateCommand<A, T> command) {
		return run(id, Objects.requireNonNull(key, "key must not be null"), keyedResults(resultType), command, true);
	}

	/**
	 * Runs a command on an existing aggregate and commits its events as one entry right
	 * after the version it validated at.
	 * @param <T> the command's result type
	 * @param id the aggregate's id
	 * @param command the validation and the events
	 * @return what the command returned
	 * @throws io.eventhorizon.core.StreamNotFoundException if the aggregate does not exist
	 * @throws TransactWriteExhaustedException if every attempt lost the race
	 * @throws io.eventhorizon.core.AppendOutcomeUnknownException if the commit was sent but
	 * whether it was written cannot be told
	 */
	public <T> @Nullable T execute(String id, AggregateCommand<A, T> command) {
		return run(id, null, plainResults(), command, false);
	}

	/**
	 * Runs a command with an idempotency key: when an entry among the aggregate's newest
	 * ones has the key already, written by this instance or another, the command does not
	 * run and the first run's result is returned.
	 * @param <T> the command's result type
	 * @param id the aggregate's id
	 * @param key the idempotency key
	 * @param resultType the result's class, to read a stored result back
	 * @param command the validation and the events
	 * @return what the command returned, or the first run's result
	 */
	public <T> @Nullable T execute(String id, IdempotencyKey key, Class<T> resultType, AggregateCommand<A, T> command) {
		return run(id, Objects.requireNonNull(key, "key must not be null"), keyedResults(resultType), command, false);
	}

	/**
	 * Reads an aggregate's current state: brings it up to the newest entry of its stream,
	 * then runs {@code query} while no entry is applied to it.
	 * @param <R> the query's result type
	 * @param id the aggregate's id
	 * @param query what to read from the state; must not change it
	 * @return what the query returned
	 * @throws io.eventhorizon.core.StreamNotFoundException if the aggregate does not exist
	 */
	public <R> R query(String id, Function<A, R> query) {
		Objects.requireNonNull(query, "query must not be null");
		LoadedAggregate<A> aggregate = loaded(id);
		aggregate.reader().loadUntilRealtime();
		return aggregate.reader().exclusively(() -> query.apply(aggregate.processor().state()));
	}

	/**
	 * Forgets the cached state of an aggregate; the next command loads it again.
	 * @param id the aggregate's id
	 */
	public void evict(String id) {
		this.cache.invalidate(id);
	}

	/**
	 * Returns how many aggregates the cache holds, after evicting what is due.
	 * @return the number of cached aggregates
	 */
	public long cachedAggregates() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	private <T> @Nullable T run(String id, @Nullable IdempotencyKey key, ResultFormat<T> results,
			AggregateCommand<A, T> command, boolean creating) {
		Objects.requireNonNull(command, "command must not be null");
		StreamName stream = this.type.streamOf(id);
		if (creating) {
			createStreamUnlessPresent(stream);
		}
		LoadedAggregate<A> aggregate = loaded(id);
		AtomicReference<@Nullable Cursor> rejectedAt = new AtomicReference<>();
		TransactWriteAction<T> action = (attempt) -> {
			if (creating && aggregate.processor().cursor().version() > 0) {
				throw new StreamAlreadyExistsException(stream);
			}
			AggregateEvents events = new AggregateEvents(this.clock);
			T result;
			try {
				result = command.handle(aggregate.processor().state(), events);
			}
			catch (RuntimeException ex) {
				rejectedAt.set(aggregate.processor().cursor());
				throw ex;
			}
			List<Event> recorded = events.recorded();
			if (!recorded.isEmpty()) {
				attempt.append(stream, this.codec.encode(recorded));
			}
			return result;
		};
		TransactWriter.Observer offer = new TransactWriter.Observer() {

			@Override
			public void committed(LogEntry entry) {
				// The command succeeded: reporting a failure now would make its caller send it
				// again, and write it twice. The cached state stays before the entry, so the
				// next command conflicts and refreshes it.
				try {
					aggregate.reader().offer(entry);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not apply the entry {} a command wrote to the cached {}; it is applied at the next "
							+ "load: {}", entry.cursor(), Aggregates.this.type.name(), ex.toString());
				}
			}

		};
		List<Reader> readers = List.of(aggregate.reader());
		try {
			return this.cachedWriter.run(readers, key, results, action, this.attemptScope, offer);
		}
		catch (RuntimeException ex) {
			// The first attempt validated against the cached state: a rejection counts only
			// if the aggregate is still where the command judged it, once at the stream's head
			// (another thread of this instance may have brought it there meanwhile).
			Cursor judged = rejectedAt.get();
			if (judged == null) {
				throw ex;
			}
			aggregate.reader().loadUntilRealtime();
			if (aggregate.processor().cursor().equals(judged)) {
				throw ex;
			}
			return this.refreshingWriter.run(readers, key, results, action, this.attemptScope, offer);
		}
	}

	private void createStreamUnlessPresent(StreamName stream) {
		try {
			this.eventLog.createStream(stream);
		}
		catch (StreamAlreadyExistsException ex) {
			// Taken over when it has no entries yet (a creation crashed or is racing us):
			// the attempt checks that under the aggregate's lock, and the append decides.
		}
	}

	// The cached aggregate, or one loaded now (outside the cache's locks, so that a slow
	// load blocks no other aggregate; of two loads racing, the first one cached wins).
	private LoadedAggregate<A> loaded(String id) {
		LoadedAggregate<A> cached = this.cache.getIfPresent(id);
		if (cached != null) {
			return cached;
		}
		AggregateProcessor<A> processor = new AggregateProcessor<>(this.type, this.type.streamOf(id));
		Reader.Builder reader = Reader.builder(processor, this.eventLog)
			.codec(this.codec)
			.transactWritePolicy(this.transactWritePolicy)
			.idempotencyWindow(this.idempotencyWindow)
			.clock(this.clock);
		if (this.snapshotExecutor != null) {
			reader.snapshotExecutor(this.snapshotExecutor);
		}
		if (this.snapshotStore != null && this.type.snapshots().isPresent()) {
			reader.snapshotStore(this.snapshotStore)
				.snapshotPolicy(new SnapshotPolicy(Duration.ZERO, this.type.snapshots().get().every()));
		}
		LoadedAggregate<A> loaded = new LoadedAggregate<>(reader.build(), processor);
		loaded.reader().loadUntilRealtime();
		LoadedAggregate<A> raced = this.cache.asMap().putIfAbsent(id, loaded);
		return (raced != null) ? raced : loaded;
	}

	@SuppressWarnings("unchecked")
	private <T> ResultFormat<T> plainResults() {
		return (ResultFormat<T>) ResultFormat.json(this.codec.jsonMapper(), Object.class);
	}

	private <T> ResultFormat<T> keyedResults(Class<T> resultType) {
		return ResultFormat.json(this.codec.jsonMapper(), Objects.requireNonNull(resultType, "resultType must not be null"));
	}

	private record LoadedAggregate<A>(Reader reader, AggregateProcessor<A> processor) {
	}

	/**
	 * Configures {@link Aggregates}. Not thread-safe.
	 *
	 * @param <A> the aggregate's state type
	 */
	public static final class Builder<A> {

		private final AggregateType<A> type;

		private final EventLog eventLog;

		private @Nullable SnapshotStore snapshotStore;

		private @Nullable Executor snapshotExecutor;

		private @Nullable EventLineCodec codec;

		private RetryPolicy transactWritePolicy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(500));

		private int idempotencyWindow = Reader.DEFAULT_IDEMPOTENCY_WINDOW;

		private long cacheMaximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;

		private @Nullable Duration cacheExpireAfterAccess = DEFAULT_CACHE_EXPIRE_AFTER_ACCESS;

		private @Nullable LongSupplier cacheTicker;

		private Clock clock = Clock.systemUTC();

		private AttemptScope attemptScope = AttemptScope.NONE;

		private Builder(AggregateType<A> type, EventLog eventLog) {
			this.type = Objects.requireNonNull(type, "type must not be null");
			this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
		}

		/**
		 * Sets the snapshot store; without one (or without snapshots in the type), every
		 * load reads the aggregate's stream from the beginning.
		 * @param snapshotStore the store
		 * @return this builder
		 */
		public Builder<A> snapshotStore(SnapshotStore snapshotStore) {
			this.snapshotStore = Objects.requireNonNull(snapshotStore, "snapshotStore must not be null");
			return this;
		}

		/**
		 * Sets where snapshots are written, off the command's thread; the Readers' shared
		 * pool of daemon threads by default.
		 * @param snapshotExecutor the executor
		 * @return this builder
		 */
		public Builder<A> snapshotExecutor(Executor snapshotExecutor) {
			this.snapshotExecutor = Objects.requireNonNull(snapshotExecutor, "snapshotExecutor must not be null");
			return this;
		}

		/**
		 * Sets the codec the writers use, for its JSON mapper; one with
		 * {@link EventLineCodec#defaultMapper()} by default.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder<A> codec(EventLineCodec codec) {
			this.codec = Objects.requireNonNull(codec, "codec must not be null");
			return this;
		}

		/**
		 * Sets the attempts and backoff of a command; 4 attempts, waits up to 10, 20 and
		 * 40 ms by default.
		 * @param transactWritePolicy the policy
		 * @return this builder
		 */
		public Builder<A> transactWritePolicy(RetryPolicy transactWritePolicy) {
			this.transactWritePolicy = Objects.requireNonNull(transactWritePolicy,
					"transactWritePolicy must not be null");
			return this;
		}

		/**
		 * Sets how many of an aggregate's newest entries an idempotency key is looked up
		 * in; {@value Reader#DEFAULT_IDEMPOTENCY_WINDOW} by default.
		 * @param entries the window, at least 1
		 * @return this builder
		 */
		public Builder<A> idempotencyWindow(int entries) {
			if (entries < 1) {
				throw new IllegalArgumentException("idempotencyWindow must be at least 1, was " + entries);
			}
			this.idempotencyWindow = entries;
			return this;
		}

		/**
		 * Bounds the cache of loaded aggregates.
		 * @param maximumSize how many aggregates it holds at most (0 caches none)
		 * @param expireAfterAccess how long an aggregate not used stays, or {@code null}
		 * to keep it until the size bound evicts it
		 * @return this builder
		 * @throws IllegalArgumentException if the size is negative or the expiry not
		 * positive
		 */
		public Builder<A> cache(long maximumSize, @Nullable Duration expireAfterAccess) {
			if (maximumSize < 0) {
				throw new IllegalArgumentException("The cache's maximum size must not be negative, was " + maximumSize);
			}
			if (expireAfterAccess != null && (expireAfterAccess.isNegative() || expireAfterAccess.isZero())) {
				throw new IllegalArgumentException(
						"The cache's expiry after access must be positive, was " + expireAfterAccess);
			}
			this.cacheMaximumSize = maximumSize;
			this.cacheExpireAfterAccess = expireAfterAccess;
			return this;
		}

		/**
		 * Sets the time source of the cache's expiry, in nanoseconds; for tests.
		 * @param nanoTicker reads the time in nanoseconds
		 * @return this builder
		 */
		public Builder<A> cacheTicker(LongSupplier nanoTicker) {
			this.cacheTicker = Objects.requireNonNull(nanoTicker, "nanoTicker must not be null");
			return this;
		}

		/**
		 * Sets the clock of the events' times.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder<A> clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets what each attempt of a command runs inside, such as an observation of it;
		 * none by default.
		 * @param attemptScope the scope
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder<A> attemptScope(AttemptScope attemptScope) {
			this.attemptScope = Objects.requireNonNull(attemptScope, "attemptScope must not be null");
			return this;
		}

		/**
		 * Returns the aggregates. Makes no call to the event log.
		 * @return the aggregates
		 */
		public Aggregates<A> build() {
			return new Aggregates<>(this);
		}

	}

}
