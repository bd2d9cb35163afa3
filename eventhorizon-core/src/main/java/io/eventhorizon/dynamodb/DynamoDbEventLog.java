package io.eventhorizon.dynamodb;

import io.eventhorizon.core.CommandRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.eventhorizon.core.EventLogSupport;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.CursorBeyondHeadException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.event.MalformedEntryException;
import io.eventhorizon.event.MetaEvents;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link EventLog} on DynamoDB, in the Go project's layout: one item per entry with
 * partition key {@code s} (stream), sort key {@code v} (version) and {@code d} (kind byte
 * and payload). An append is one conditional {@code PutItem}
 * ({@code attribute_not_exists(s) AND attribute_not_exists(v)}), so writers on any number
 * of instances keep each stream's versions contiguous. Reads are strongly consistent, so a
 * read that reports "no more" has seen every append completed before it.
 * <p>
 * <b>Creating a stream</b> takes single-item writes only (no {@code TransactWriteItems}),
 * in an order that a crash cannot break:
 * <ol>
 * <li>put the child's {@code @0} ({@code $stream.Started}) marked <em>pending</em>, with
 * the parent's head at that moment in attribute {@code p};</li>
 * <li>append {@code $stream.ChildStreamCreated} to the parent, unless an entry after
 * {@code p} announces the child already;</li>
 * <li>remove the mark.</li>
 * </ol>
 * A pending stream does not exist for readers and writers. Calling
 * {@link #createStream(StreamName)} again after a crash finishes the work left undone,
 * and announces the child at most once.
 * <p>
 * Every appended entry carries a random commit id ({@code i}): when the SDK retries a put
 * whose first answer was lost (a timeout after the server wrote it), the retry's failed
 * condition is recognised as the entry being ours, so a commit is never reported as a
 * conflict and written twice.
 * <p>
 * Appending after a cursor beyond the head is refused: an instance remembers how far each
 * stream is known to exist (versions never disappear), and checks with one consistent
 * {@code GetItem} only for cursors beyond that.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class DynamoDbEventLog implements EventLog {

	private static final String APPEND_CONDITION = "attribute_not_exists(#s) AND attribute_not_exists(#v)";

	private static final int MAX_KNOWN_HEADS = 10_000;

	private static final int COMMIT_ID_BYTES = 8;

	private final DynamoDbClient client;

	private final String tableName;

	private final Clock clock;

	private final int pageSize;

	private final RetryPolicy retryPolicy;

	private final boolean consistentReads;

	private final Map<StreamName, Long> knownHeads = new ConcurrentHashMap<>();

	private final TableCalls calls;

	// Asked for only when someone listens: computing it costs the server (dynalite) time.
	private final ReturnConsumedCapacity returnCapacity;

	private DynamoDbEventLog(Builder builder) {
		this.client = builder.client;
		this.tableName = builder.tableName;
		this.clock = builder.clock;
		this.pageSize = builder.pageSize;
		this.retryPolicy = builder.retryPolicy;
		this.consistentReads = builder.consistentReads;
		this.calls = new TableCalls(this.tableName, builder.listener);
		this.returnCapacity = (builder.listener == DynamoDbListener.NONE) ? ReturnConsumedCapacity.NONE
				: ReturnConsumedCapacity.TOTAL;
	}

	/**
	 * Returns a builder for an event log on the given client.
	 * @param client the DynamoDB client
	 * @return a new builder
	 */
	public static Builder builder(DynamoDbClient client) {
		return new Builder(client);
	}

	/**
	 * Returns the name of the events table.
	 * @return the table name
	 */
	public String tableName() {
		return this.tableName;
	}

	@Override
	public ReadResult read(Cursor after) {
		Objects.requireNonNull(after, "after must not be null");
		ReadResult page = readPage(after);
		if (after.isBeginning() && page.entries().isEmpty()) {
			throw new StreamNotFoundException(after.stream());
		}
		return page;
	}

	@Override
	public Cursor head(StreamName stream) {
		Objects.requireNonNull(stream, "stream must not be null");
		QueryResponse response = this.calls.call("Query", () -> this.client.query((query) -> query.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.keyConditionExpression("#s = :s")
			.expressionAttributeNames(Map.of("#s", TableLayout.STREAM, "#v", TableLayout.VERSION, "#p",
					TableLayout.PENDING_AFTER))
			.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stream.toString())))
			.projectionExpression("#v, #p")
			.scanIndexForward(false)
			.limit(1)
			.consistentRead(true)), QueryResponse::consumedCapacity);
		if (response.items().isEmpty()) {
			throw new StreamNotFoundException(stream);
		}
		Map<String, AttributeValue> item = response.items().get(0);
		if (item.containsKey(TableLayout.PENDING_AFTER)) {
			throw beingCreated(stream);
		}
		return remember(stream.at(version(item)));
	}

	@Override
	public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
		Cursor target = EventLogSupport.checkAppend(after, data);
		requireExists(after);
		byte[] commitId = new byte[COMMIT_ID_BYTES];
		ThreadLocalRandom.current().nextBytes(commitId);
		try {
			put(target, data, null, commitId);
		}
		catch (ConditionalCheckFailedException ex) {
			if (!writtenBy(target, commitId)) {
				throw new OptimisticLockingException(after, head(after.stream()));
			}
			// The SDK sent our put again after its first answer was lost: the entry is ours.
		}
		return remember(target);
	}

	@Override
	public Cursor append(StreamName stream, LogData data) {
		return EventLogSupport.appendAtHead(this, stream, data, this.retryPolicy);
	}

	@Override
	public Cursor createStream(StreamName stream) {
		StreamName parent = EventLogSupport.parentToCreateIn(stream);
		Cursor parentHead;
		try {
			parentHead = head(parent);
		}
		catch (StreamNotFoundException ex) {
			throw EventLogSupport.parentMissing(stream, parent);
		}
		long announceAfter = parentHead.version();
		try {
			put(stream.at(0), MetaEvents.streamStarted(this.clock.instant()), announceAfter, null);
		}
		catch (ConditionalCheckFailedException ex) {
			Long pendingAfter = pendingAfter(stream);
			if (pendingAfter == null) {
				throw new StreamAlreadyExistsException(stream);
			}
			// An earlier call stopped half-way: finish its work.
			announceAfter = pendingAfter;
		}
		announceOnce(stream, parent.at(announceAfter));
		try {
			this.calls.call("UpdateItem", () -> this.client.updateItem((update) -> update.tableName(this.tableName)
				.returnConsumedCapacity(this.returnCapacity)
				.key(key(stream.at(0)))
				.updateExpression("REMOVE #p")
				.conditionExpression("attribute_exists(#p)")
				.expressionAttributeNames(Map.of("#p", TableLayout.PENDING_AFTER))), UpdateItemResponse::consumedCapacity);
		}
		catch (ConditionalCheckFailedException ex) {
			// A concurrent call finished the creation first.
		}
		return remember(stream.at(0));
	}

	@Override
	public void bootstrap() {
		try {
			put(StreamName.root().at(0), MetaEvents.streamStarted(this.clock.instant()), null, null);
		}
		catch (ConditionalCheckFailedException ex) {
			// The root exists already.
		}
		remember(StreamName.root().at(0));
	}

	// Appends $stream.ChildStreamCreated to the parent unless an entry after `scanFrom`
	// has it. Appending after the last entry scanned means a racing announcer makes our
	// put fail, and the next scan finds its announcement: never two.
	private void announceOnce(StreamName child, Cursor scanFrom) {
		LogData announcement = MetaEvents.childStreamCreated(child, this.clock.instant());
		Cursor scanned = scanFrom;
		for (int attempt = 1;; attempt++) {
			ReadResult page;
			do {
				page = readPage(scanned);
				for (LogEntry entry : page.entries()) {
					if (MetaEvents.announces(entry.data(), child)) {
						return;
					}
				}
				scanned = page.lastEntry();
			}
			while (page.more());
			try {
				appendAfter(scanned, announcement);
				return;
			}
			catch (OptimisticLockingException conflict) {
				if (attempt >= this.retryPolicy.maxAttempts()) {
					throw new OptimisticLockingException("Announcing " + child + " in its parent gave up after "
							+ attempt + " attempts; creating it again finishes the work", conflict);
				}
				this.retryPolicy.sleepBefore(attempt + 1);
			}
		}
	}

	private ReadResult readPage(Cursor after) {
		QueryResponse response = this.calls.call("Query", () -> this.client.query((query) -> query.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.keyConditionExpression("#s = :s AND #v > :v")
			.expressionAttributeNames(Map.of("#s", TableLayout.STREAM, "#v", TableLayout.VERSION))
			.expressionAttributeValues(Map.of(":s", AttributeValue.fromS(after.stream().toString()), ":v",
					AttributeValue.fromN(Long.toString(after.version()))))
			.limit(this.pageSize)
			.consistentRead(this.consistentReads)), QueryResponse::consumedCapacity);
		List<LogEntry> entries = new ArrayList<>(response.items().size());
		for (Map<String, AttributeValue> item : response.items()) {
			Cursor cursor = after.stream().at(version(item));
			if (item.containsKey(TableLayout.PENDING_AFTER)) {
				throw beingCreated(after.stream());
			}
			AttributeValue data = item.get(TableLayout.DATA);
			if (data == null || data.b() == null) {
				throw new MalformedEntryException(cursor, "no binary attribute '" + TableLayout.DATA + "'");
			}
			try {
				entries.add(new LogEntry(cursor, LogData.fromStored(data.b().asByteArrayUnsafe())));
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedEntryException(cursor, ex.getMessage());
			}
		}
		Cursor last = entries.isEmpty() ? after : remember(entries.get(entries.size() - 1).cursor());
		return new ReadResult(entries, last, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
	}

	private void requireExists(Cursor after) {
		Long knownHead = this.knownHeads.get(after.stream());
		if (knownHead != null && knownHead >= after.version()) {
			return;
		}
		Map<String, AttributeValue> item = this.calls.call("GetItem", () -> this.client.getItem((get) -> get
			.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.key(key(after))
			.expressionAttributeNames(Map.of("#v", TableLayout.VERSION, "#p", TableLayout.PENDING_AFTER))
			.projectionExpression("#v, #p")
			.consistentRead(true)), GetItemResponse::consumedCapacity).item();
		if (item == null || item.isEmpty()) {
			throw new CursorBeyondHeadException(after, head(after.stream()));
		}
		if (item.containsKey(TableLayout.PENDING_AFTER)) {
			throw beingCreated(after.stream());
		}
		remember(after);
	}

	// Whether the entry at `target` carries our commit id.
	private boolean writtenBy(Cursor target, byte[] commitId) {
		Map<String, AttributeValue> item = this.calls.call("GetItem", () -> this.client.getItem((get) -> get
			.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.key(key(target))
			.expressionAttributeNames(Map.of("#i", TableLayout.COMMIT_ID))
			.projectionExpression("#i")
			.consistentRead(true)), GetItemResponse::consumedCapacity).item();
		AttributeValue written = (item != null) ? item.get(TableLayout.COMMIT_ID) : null;
		return written != null && written.b() != null && Arrays.equals(written.b().asByteArrayUnsafe(), commitId);
	}

	private @Nullable Long pendingAfter(StreamName stream) {
		Map<String, AttributeValue> item = this.calls.call("GetItem", () -> this.client.getItem((get) -> get
			.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.key(key(stream.at(0)))
			.expressionAttributeNames(Map.of("#p", TableLayout.PENDING_AFTER))
			.projectionExpression("#p")
			.consistentRead(true)), GetItemResponse::consumedCapacity).item();
		AttributeValue pending = (item != null) ? item.get(TableLayout.PENDING_AFTER) : null;
		return (pending != null) ? Long.valueOf(pending.n()) : null;
	}

	private void put(Cursor at, LogData data, @Nullable Long pendingAfter, byte @Nullable [] commitId) {
		Map<String, AttributeValue> item = new HashMap<>(key(at));
		item.put(TableLayout.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(data.toStored())));
		if (pendingAfter != null) {
			item.put(TableLayout.PENDING_AFTER, AttributeValue.fromN(Long.toString(pendingAfter)));
		}
		if (commitId != null) {
			item.put(TableLayout.COMMIT_ID, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(commitId)));
		}
		this.calls.call("PutItem", () -> this.client.putItem((put) -> put.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.item(item)
			.conditionExpression(APPEND_CONDITION)
			.expressionAttributeNames(Map.of("#s", TableLayout.STREAM, "#v", TableLayout.VERSION))),
				PutItemResponse::consumedCapacity);
	}

	private static Map<String, AttributeValue> key(Cursor cursor) {
		return Map.of(TableLayout.STREAM, AttributeValue.fromS(cursor.stream().toString()), TableLayout.VERSION,
				AttributeValue.fromN(Long.toString(cursor.version())));
	}

	private static long version(Map<String, AttributeValue> item) {
		return Long.parseLong(item.get(TableLayout.VERSION).n());
	}

	private Cursor remember(Cursor cursor) {
		if (this.knownHeads.size() >= MAX_KNOWN_HEADS) {
			this.knownHeads.clear();
		}
		this.knownHeads.merge(cursor.stream(), cursor.version(), Math::max);
		return cursor;
	}

	private static StreamNotFoundException beingCreated(StreamName stream) {
		return new StreamNotFoundException(stream,
				"Stream " + stream + " is being created and does not exist yet; creating it again finishes the work");
	}

	/**
	 * Configures a {@link DynamoDbEventLog}. Not thread-safe.
	 */
	public static final class Builder {

		private final DynamoDbClient client;

		private String tableName = DynamoDbTableNames.DEFAULT_EVENTS;

		private Clock clock = Clock.systemUTC();

		private int pageSize = 100;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private boolean consistentReads = true;

		private DynamoDbListener listener = DynamoDbListener.NONE;

		private Builder(DynamoDbClient client) {
			this.client = Objects.requireNonNull(client, "client must not be null");
		}

		/**
		 * Sets the events table; {@code eventhorizon_events} by default.
		 * @param tableName the table name
		 * @return this builder
		 */
		public Builder tableName(String tableName) {
			this.tableName = new DynamoDbTableNames(tableName, DynamoDbTableNames.DEFAULT_SNAPSHOTS).events();
			return this;
		}

		/**
		 * Sets the clock for the times of meta events; the system clock by default.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets the most entries one read returns; 100 by default (DynamoDB also stops a
		 * page at 1 MB).
		 * @param pageSize entries per page, at least 1
		 * @return this builder
		 */
		public Builder pageSize(int pageSize) {
			if (pageSize < 1) {
				throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
			}
			this.pageSize = pageSize;
			return this;
		}

		/**
		 * Sets the retries of {@link DynamoDbEventLog#append(StreamName, LogData)} and of
		 * announcing a new stream; {@link RetryPolicy#DEFAULT} by default.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets whether pages are read with strong consistency; {@code true} by default.
		 * Eventually consistent reads cost half, but a read right after an append may miss
		 * it and report realtime too early. Head look-ups and the checks of appends and
		 * stream creation stay strongly consistent either way.
		 * @param consistentReads whether reads are strongly consistent
		 * @return this builder
		 */
		public Builder consistentReads(boolean consistentReads) {
			this.consistentReads = consistentReads;
			return this;
		}

		/**
		 * Sets who is told of consumed capacity and throttling; nobody by default.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(DynamoDbListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/**
		 * Returns the event log. Makes no call to DynamoDB.
		 * @return the event log
		 */
		public DynamoDbEventLog build() {
			return new DynamoDbEventLog(this);
		}

	}

}
