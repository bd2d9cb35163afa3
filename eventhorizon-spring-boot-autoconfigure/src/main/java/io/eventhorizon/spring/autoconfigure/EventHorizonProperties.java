package io.eventhorizon.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.client.PoisonPolicy;
import io.eventhorizon.core.SnapshotSizeLimit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of EventHorizon ({@code eventhorizon.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("eventhorizon")
public class EventHorizonProperties {

	/**
	 * Whether to enable EventHorizon.
	 */
	private boolean enabled = true;

	/**
	 * Where events and snapshots are stored: 'in-memory' (the embedded default, lost on
	 * exit, one instance only) or 'dynamodb'.
	 */
	private Store store = Store.IN_MEMORY;

	/**
	 * Whether to create the root stream and the streams the processors follow at startup
	 * when they are missing, on any store.
	 */
	private boolean createStreams = true;

	/**
	 * Packages to scan for @EventType classes, besides the application's own packages.
	 */
	private List<String> eventPackages = new ArrayList<>();

	private final DynamoDb dynamodb = new DynamoDb();

	private final Append append = new Append();

	private final Synchronizer synchronizer = new Synchronizer();

	private final Snapshots snapshots = new Snapshots();

	private final Processors processors = new Processors();

	private final Trees trees = new Trees();

	private final Aggregates aggregates = new Aggregates();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public boolean isCreateStreams() {
		return this.createStreams;
	}

	public void setCreateStreams(boolean createStreams) {
		this.createStreams = createStreams;
	}

	public List<String> getEventPackages() {
		return this.eventPackages;
	}

	public void setEventPackages(List<String> eventPackages) {
		this.eventPackages = eventPackages;
	}

	public DynamoDb getDynamodb() {
		return this.dynamodb;
	}

	public Append getAppend() {
		return this.append;
	}

	public Synchronizer getSynchronizer() {
		return this.synchronizer;
	}

	public Snapshots getSnapshots() {
		return this.snapshots;
	}

	public Processors getProcessors() {
		return this.processors;
	}

	public Trees getTrees() {
		return this.trees;
	}

	public Aggregates getAggregates() {
		return this.aggregates;
	}

	static Duration positive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
		}
		return value;
	}

	static Duration notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be a negative duration, was " + value);
		}
		return value;
	}

	static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, was " + value);
		}
		return value;
	}

	static String tableName(String property, String value) {
		if (value == null || !value.matches("[A-Za-z0-9_.-]{3,255}")) {
			throw new IllegalArgumentException(property + " must be a DynamoDB table name (3 to 255 characters of "
					+ "A-Z, a-z, 0-9, '_', '-' and '.'), was \"" + value + "\"");
		}
		return value;
	}

	/**
	 * Where events and snapshots are stored.
	 */
	public enum Store {

		/**
		 * In memory: the embedded default, for one instance; lost on exit.
		 */
		IN_MEMORY,

		/**
		 * In DynamoDB tables shared by every instance.
		 */
		DYNAMODB

	}

	/**
	 * DynamoDB settings.
	 */
	public static class DynamoDb {

		/**
		 * Name of the events table.
		 */
		private String eventsTable = "eventhorizon_events";

		/**
		 * Name of the snapshots table.
		 */
		private String snapshotsTable = "eventhorizon_snapshots";

		/**
		 * Whether to create missing tables (on-demand billing) at startup. Needs the
		 * dynamodb:CreateTable permission.
		 */
		private boolean createTables;

		/**
		 * Whether to check at startup that the tables exist with the right keys.
		 */
		private boolean verifyTables;

		/**
		 * Whether to read pages of events with strong consistency. Eventually consistent
		 * reads cost half, but may report realtime before an append just made.
		 */
		private boolean consistentReads = true;

		/**
		 * Maximum entries per read.
		 */
		private int pageSize = 100;

		/**
		 * Endpoint of the DynamoDB client that EventHorizon creates when the application
		 * has none (such as from Spring Cloud AWS).
		 */
		private @Nullable URI endpoint;

		/**
		 * Region of the DynamoDB client that EventHorizon creates when the application has
		 * none. Defaults to the AWS SDK's region lookup.
		 */
		private @Nullable String region;

		/**
		 * Whether EventHorizon's requests ask DynamoDB for the capacity they consume
		 * (ReturnConsumedCapacity=TOTAL), for the eventhorizon.dynamodb.capacity metric. When
		 * false they ask for none, and that metric stays at zero.
		 */
		private boolean consumedCapacityMetrics = true;

		public String getEventsTable() {
			return this.eventsTable;
		}

		public void setEventsTable(String eventsTable) {
			this.eventsTable = tableName("eventhorizon.dynamodb.events-table", eventsTable);
		}

		public String getSnapshotsTable() {
			return this.snapshotsTable;
		}

		public void setSnapshotsTable(String snapshotsTable) {
			this.snapshotsTable = tableName("eventhorizon.dynamodb.snapshots-table", snapshotsTable);
		}

		public boolean isCreateTables() {
			return this.createTables;
		}

		public void setCreateTables(boolean createTables) {
			this.createTables = createTables;
		}

		public boolean isVerifyTables() {
			return this.verifyTables;
		}

		public void setVerifyTables(boolean verifyTables) {
			this.verifyTables = verifyTables;
		}

		public boolean isConsistentReads() {
			return this.consistentReads;
		}

		public void setConsistentReads(boolean consistentReads) {
			this.consistentReads = consistentReads;
		}

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			this.pageSize = atLeastOne("eventhorizon.dynamodb.page-size", pageSize);
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public boolean isConsumedCapacityMetrics() {
			return this.consumedCapacityMetrics;
		}

		public void setConsumedCapacityMetrics(boolean consumedCapacityMetrics) {
			this.consumedCapacityMetrics = consumedCapacityMetrics;
		}

	}

	/**
	 * Retries of @TransactionalAppend methods and of appends at the head.
	 */
	public static class Append {

		/**
		 * Attempts in all before giving up on optimistic-locking conflicts.
		 */
		private int maxAttempts = 4;

		/**
		 * Upper bound of the first (jittered) wait between attempts; it doubles each time.
		 */
		private Duration initialBackoff = Duration.ofMillis(10);

		/**
		 * Upper bound of any wait between attempts.
		 */
		private Duration maxBackoff = Duration.ofMillis(500);

		/**
		 * How many of a stream's newest entries a command's idempotency key is looked up in.
		 * A repeat of a command whose entry is further back runs again. Each processor keeps
		 * the keys and results of the keyed entries among them in memory, and reads back the
		 * ones it has not seen (after a restart) at its first keyed command.
		 */
		private int idempotencyWindow = 10_000;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = atLeastOne("eventhorizon.append.max-attempts", maxAttempts);
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = notNegative("eventhorizon.append.initial-backoff", initialBackoff);
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = notNegative("eventhorizon.append.max-backoff", maxBackoff);
		}

		public int getIdempotencyWindow() {
			return this.idempotencyWindow;
		}

		public void setIdempotencyWindow(int idempotencyWindow) {
			this.idempotencyWindow = atLeastOne("eventhorizon.append.idempotency-window", idempotencyWindow);
		}

	}

	/**
	 * The synchronizer that keeps processors near realtime.
	 */
	public static class Synchronizer {

		/**
		 * Whether to keep processors near realtime by polling.
		 */
		private boolean enabled = true;

		/**
		 * Time between two polls of one processor.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Longest wait between polls of a processor that keeps failing.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Platform threads that run the polls; with virtual threads
		 * (spring.threads.virtual.enabled on Java 21 or later) each poll has its own.
		 */
		private int threads = 2;

		/**
		 * Prefix of the names of the threads that run the polls.
		 */
		private String threadNamePrefix = "eventhorizon-sync-";

		/**
		 * Whether the startup waits until every processor has reached realtime once, so
		 * that the application is ready only with current read models.
		 */
		private boolean waitForRealtimeOnStartup;

		/**
		 * How long the startup waits for processors to reach realtime before it fails.
		 */
		private Duration startupTimeout = Duration.ofMinutes(2);

		/**
		 * How long the shutdown waits for running polls to finish the entries they feed
		 * before it interrupts them.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = positive("eventhorizon.synchronizer.poll-interval", pollInterval);
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = positive("eventhorizon.synchronizer.max-backoff", maxBackoff);
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = atLeastOne("eventhorizon.synchronizer.threads", threads);
		}

		public String getThreadNamePrefix() {
			return this.threadNamePrefix;
		}

		public void setThreadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
		}

		public boolean isWaitForRealtimeOnStartup() {
			return this.waitForRealtimeOnStartup;
		}

		public void setWaitForRealtimeOnStartup(boolean waitForRealtimeOnStartup) {
			this.waitForRealtimeOnStartup = waitForRealtimeOnStartup;
		}

		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		public void setStartupTimeout(Duration startupTimeout) {
			this.startupTimeout = positive("eventhorizon.synchronizer.startup-timeout", startupTimeout);
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = notNegative("eventhorizon.synchronizer.shutdown-timeout", shutdownTimeout);
		}

	}

	/**
	 * Snapshots of processors kept in memory.
	 */
	public static class Snapshots {

		/**
		 * Least time between two snapshots of one processor.
		 */
		private Duration minInterval = Duration.ofSeconds(30);

		/**
		 * Least number of entries a processor must have moved on before a new snapshot.
		 */
		private long minEntries = 1;

		/**
		 * How long the shutdown waits for snapshot writes in flight before it goes on
		 * without them.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		/**
		 * Largest snapshot stored; a larger one is refused (logged and counted) and the
		 * processor goes on without it. On DynamoDB one over 400 KB is split across items.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(64);

		public Duration getMinInterval() {
			return this.minInterval;
		}

		public void setMinInterval(Duration minInterval) {
			this.minInterval = notNegative("eventhorizon.snapshots.min-interval", minInterval);
		}

		public long getMinEntries() {
			return this.minEntries;
		}

		public void setMinEntries(long minEntries) {
			if (minEntries < 1) {
				throw new IllegalArgumentException("eventhorizon.snapshots.min-entries must be at least 1, was " + minEntries);
			}
			this.minEntries = minEntries;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = notNegative("eventhorizon.snapshots.shutdown-timeout", shutdownTimeout);
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			if (maxSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(
						"eventhorizon.snapshots.max-size must be between 1B and 2GB, was " + maxSize);
			}
			this.maxSize = maxSize;
		}

		/**
		 * Returns the snapshot size limit these properties set.
		 * @return the limit
		 */
		public SnapshotSizeLimit sizeLimit() {
			return new SnapshotSizeLimit((int) this.maxSize.toBytes());
		}

	}

	/**
	 * How processors treat entries they fail to apply.
	 */
	public static class Processors {

		/**
		 * What to do when a processor fails to apply an entry: 'stop' before it and retry
		 * with backoff until fixed (nothing is skipped), or 'skip' it, logged and counted.
		 */
		private PoisonPolicy poisonPolicy = PoisonPolicy.STOP;

		/**
		 * With the 'skip' policy, how many loads in a row an entry must fail the same way,
		 * and not transiently, before it is skipped.
		 */
		private int poisonAttempts = 3;

		public PoisonPolicy getPoisonPolicy() {
			return this.poisonPolicy;
		}

		public void setPoisonPolicy(PoisonPolicy poisonPolicy) {
			this.poisonPolicy = poisonPolicy;
		}

		public int getPoisonAttempts() {
			return this.poisonAttempts;
		}

		public void setPoisonAttempts(int poisonAttempts) {
			this.poisonAttempts = atLeastOne("eventhorizon.processors.poison-attempts", poisonAttempts);
		}

	}

	/**
	 * How the read models of trees ({@code @EventProcessor(tree = ...)}) read the change
	 * feed (see {@code docs/stream-trees.md}).
	 */
	public static class Trees {

		/**
		 * How far back each poll reads the change feed again, before where the previous one
		 * ended: covers writers' clocks apart and a feed record visible late.
		 */
		private Duration overlap = Duration.ofSeconds(15);

		/**
		 * How far back a backtracking poll reads the change feed, for records visible later
		 * than the overlap.
		 */
		private Duration backtrackWindow = Duration.ofMinutes(15);

		/**
		 * Time between two backtracking polls of one read model.
		 */
		private Duration backtrackInterval = Duration.ofMinutes(1);

		/**
		 * Time between two walks of the whole tree, which find what the change feed missed
		 * (a record later than the backtrack window, or entries older than the feed).
		 */
		private Duration sweepInterval = Duration.ofHours(24);

		/**
		 * How many reads of the change feed and of moved streams one poll of a tree read
		 * model runs at once; the read model is still fed one entry at a time.
		 */
		private int readConcurrency = 8;

		public Duration getOverlap() {
			return this.overlap;
		}

		public void setOverlap(Duration overlap) {
			this.overlap = notNegative("eventhorizon.trees.overlap", overlap);
		}

		public Duration getBacktrackWindow() {
			return this.backtrackWindow;
		}

		public void setBacktrackWindow(Duration backtrackWindow) {
			this.backtrackWindow = positive("eventhorizon.trees.backtrack-window", backtrackWindow);
		}

		public Duration getBacktrackInterval() {
			return this.backtrackInterval;
		}

		public void setBacktrackInterval(Duration backtrackInterval) {
			this.backtrackInterval = positive("eventhorizon.trees.backtrack-interval", backtrackInterval);
		}

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = positive("eventhorizon.trees.sweep-interval", sweepInterval);
		}

		public int getReadConcurrency() {
			return this.readConcurrency;
		}

		public void setReadConcurrency(int readConcurrency) {
			this.readConcurrency = atLeastOne("eventhorizon.trees.read-concurrency", readConcurrency);
		}

	}

	/**
	 * Settings of the aggregates of {@code @Aggregate} classes.
	 */
	public static class Aggregates {

		private final Cache cache = new Cache();

		public Cache getCache() {
			return this.cache;
		}

		/**
		 * The cache of loaded aggregates, one per {@code @Aggregate} class.
		 */
		public static class Cache {

			/**
			 * Most aggregates of one class kept loaded; 0 keeps none, so every command
			 * reads its aggregate first.
			 */
			private long maximumSize = 10000;

			/**
			 * Time after its last command that a loaded aggregate is dropped from the cache.
			 */
			private Duration expireAfterAccess = Duration.ofMinutes(10);

			public long getMaximumSize() {
				return this.maximumSize;
			}

			public void setMaximumSize(long maximumSize) {
				if (maximumSize < 0) {
					throw new IllegalArgumentException(
							"eventhorizon.aggregates.cache.maximum-size must not be negative, was " + maximumSize);
				}
				this.maximumSize = maximumSize;
			}

			public Duration getExpireAfterAccess() {
				return this.expireAfterAccess;
			}

			public void setExpireAfterAccess(Duration expireAfterAccess) {
				this.expireAfterAccess = positive("eventhorizon.aggregates.cache.expire-after-access", expireAfterAccess);
			}

		}

	}

}
