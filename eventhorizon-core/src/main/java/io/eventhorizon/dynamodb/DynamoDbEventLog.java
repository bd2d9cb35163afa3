package io.eventhorizon.dynamodb;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.CursorBeyondHeadException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.EventLogSupport;
import io.eventhorizon.core.IdempotencyKey;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
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
 * <li>remove the mark, on condition that it is still there, and sign {@code @0} with the
 * call's own random id ({@code i}).</li>
 * </ol>
 * A pending stream does not exist for readers and writers. Any call that finds a pending
 * {@code @0}, its own or another's, does steps 2 and 3, so calling
 * {@link #createStream(StreamName)} again after a crash finishes the work left undone, and
 * the child is announced at most once. Exactly one call succeeds: the one whose step 3
 * removed the mark; every other call, whether it came too late or raced and finished second,
 * gets {@link StreamAlreadyExistsException}. A crashed call reports nothing, so the call
 * that finishes its work is the only one to succeed. The signature in {@code i} settles a
 * step 3 whose answer was lost.
 * <p>
 * Every appended entry carries a commit id ({@code i}, 16 bytes from a
 * {@link SecureRandom}) and, when a command with an {@link IdempotencyKey} committed it,
 * the command's record ({@code k} and {@code r}), written by the same conditional put. When
 * a put fails in any way that leaves its outcome open (a failed condition on a retry, a
 * timeout, a closed connection, throttling or server errors after an earlier attempt), a
 * consistent {@code GetItem} of the target settles it: our commit id there means the entry
 * is ours and the append succeeded; another entry there is an
 * {@link OptimisticLockingException}; no entry is a definite failure and the put's error is
 * thrown. When the check fails too, {@link AppendOutcomeUnknownException} says so. A commit
 * is thus never reported as failed while written, and never written twice by a caller
 * retrying what failed.
 * <p>
 * <b>The change feed</b> ({@link #changeFeed()}, unless turned off) is the sparse index
 * {@code feed} of the events table: every entry of a stream below the root carries its
 * feed partition ({@code f}) and the writer's clock in milliseconds ({@code ft}), written
 * by the same conditional put as the entry, so that no crash separates an entry from its
 * record. A stream's pending {@code @0} carries them too, and removing the mark (step 3)
 * sets {@code ft} to the remover's clock: the finished stream shows up in the feed again
 * after any reader skipped it while it was pending. Root entries carry neither.
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

	private static final int COMMIT_ID_BYTES = 16;

	// How often an unknown outcome is checked; the SDK retries each check on its own too.
	private static final int OUTCOME_CHECKS = 3;

	private static final SecureRandom COMMIT_IDS = new SecureRandom();

	private final DynamoDbClient client;

	private final String tableName;

	private final Clock clock;

	private final int pageSize;

	private final RetryPolicy retryPolicy;

	private final boolean consistentReads;

	private final @Nullable DynamoDbChangeFeed changeFeed;

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
		this.returnCapacity = builder.listener.wantsConsumedCapacity() ? ReturnConsumedCapacity.TOTAL
				: ReturnConsumedCapacity.NONE;
		this.changeFeed = builder.changeFeed
				? new DynamoDbChangeFeed(this.client, this.tableName, builder.feedPageSize, this.calls, this.returnCapacity)
				: null;
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

	/**
	 * Returns the change feed, the index {@code feed} of the events table; empty when the
	 * builder turned it off.
	 * @return the change feed
	 */
	@Override
	public Optional<ChangeFeed> changeFeed() {
		return Optional.ofNullable(this.changeFeed);
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
		Cursor target = EventLogSupport.checkAppend(after, data, command);
		requireExists(after);
		byte[] commitId = newCommitId();
		try {
			put(target, data, command, null, commitId);
		}
		catch (SdkException failure) {
			Map<String, AttributeValue> written = settle(target, failure);
			if (written.isEmpty()) {
				throw failure;
			}
			if (!signedBy(written, commitId)) {
				throw new OptimisticLockingException(after, head(after.stream()));
			}
			// An attempt of the SDK's wrote our entry, and its answer was lost.
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
		Cursor started = stream.at(0);
		byte[] callId = newCommitId();
		long announceAfter = parentHead.version();
		try {
			put(started, MetaEvents.streamStarted(this.clock.instant()), null, announceAfter, callId);
		}
		catch (SdkException failure) {
			Map<String, AttributeValue> marker = settle(started, failure);
			if (marker.isEmpty()) {
				throw failure;
			}
			AttributeValue pendingAfter = marker.get(TableLayout.PENDING_AFTER);
			if (pendingAfter == null) {
				throw new StreamAlreadyExistsException(stream);
			}
			// Our own put or another call's, crashed or still running: finish the work.
			announceAfter = Long.parseLong(pendingAfter.n());
		}
		announceOnce(stream, parent.at(announceAfter));
		if (!removeMark(started, callId)) {
			throw new StreamAlreadyExistsException(stream);
		}
		return remember(started);
	}

	// Step 3: whoever removes the mark has created the stream. The removal signs @0 with
	// the call's id, so that a removal whose answer was lost is still recognised, and
	// moves its feed record to now, so that readers who skipped the pending stream see it.
	private boolean removeMark(Cursor started, byte[] callId) {
		Map<String, String> names = new HashMap<>(
				Map.of("#p", TableLayout.PENDING_AFTER, "#i", TableLayout.COMMIT_ID));
		Map<String, AttributeValue> values = new HashMap<>(Map.of(":i", commitIdValue(callId)));
		String update = "REMOVE #p SET #i = :i";
		if (this.changeFeed != null) {
			names.put("#ft", TableLayout.FEED_TIME);
			values.put(":ft", AttributeValue.fromN(Long.toString(this.clock.millis())));
			update += ", #ft = :ft";
		}
		String updateExpression = update;
		try {
			this.calls.call("UpdateItem", () -> this.client.updateItem((request) -> request.tableName(this.tableName)
				.returnConsumedCapacity(this.returnCapacity)
				.key(key(started))
				.updateExpression(updateExpression)
				.conditionExpression("attribute_exists(#p)")
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)), UpdateItemResponse::consumedCapacity);
			return true;
		}
		catch (SdkException failure) {
			Map<String, AttributeValue> marker = settle(started, failure);
			if (marker.containsKey(TableLayout.PENDING_AFTER)) {
				// Nobody removed the mark: our removal did not happen.
				throw failure;
			}
			return signedBy(marker, callId);
		}
	}

	@Override
	public void bootstrap() {
		try {
			put(StreamName.root().at(0), MetaEvents.streamStarted(this.clock.instant()), null, null, null);
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
				entries.add(new LogEntry(cursor, LogData.fromStored(data.b().asByteArrayUnsafe()), commandRecord(item)));
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
		Map<String, AttributeValue> item = markers(after);
		if (item.isEmpty()) {
			throw new CursorBeyondHeadException(after, head(after.stream()));
		}
		if (item.containsKey(TableLayout.PENDING_AFTER)) {
			throw beingCreated(after.stream());
		}
		remember(after);
	}

	// A write to `at` failed, but an attempt of the SDK's may have been executed with its
	// answer lost: the item there tells. Returns its markers, empty when nothing is there,
	// unless a definite refusal of the request as sent says nothing was written.
	private Map<String, AttributeValue> settle(Cursor at, SdkException failure) {
		if (isRefusedAsSent(failure)) {
			throw failure;
		}
		for (int check = 1;; check++) {
			try {
				return markers(at);
			}
			catch (SdkException checkFailure) {
				if (check >= OUTCOME_CHECKS) {
					AppendOutcomeUnknownException unknown = new AppendOutcomeUnknownException(at, failure);
					unknown.addSuppressed(checkFailure);
					throw unknown;
				}
				this.retryPolicy.sleepBefore(check + 1);
			}
		}
	}

	// A client error (not throttling, not a failed condition) on the SDK's only attempt:
	// the server refused the request as it was, so no attempt wrote anything.
	private static boolean isRefusedAsSent(SdkException failure) {
		return failure instanceof AwsServiceException refused && !(failure instanceof ConditionalCheckFailedException)
				&& refused.statusCode() >= 400 && refused.statusCode() < 500 && !refused.isThrottlingException()
				&& Objects.requireNonNullElse(failure.numAttempts(), 1) <= 1;
	}

	// The version, pending mark and commit id of the item at `at`; empty if there is none.
	private Map<String, AttributeValue> markers(Cursor at) {
		GetItemResponse response = this.calls.call("GetItem", () -> this.client.getItem((get) -> get
			.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.key(key(at))
			.expressionAttributeNames(
					Map.of("#v", TableLayout.VERSION, "#p", TableLayout.PENDING_AFTER, "#i", TableLayout.COMMIT_ID))
			.projectionExpression("#v, #p, #i")
			.consistentRead(true)), GetItemResponse::consumedCapacity);
		return response.hasItem() ? response.item() : Map.of();
	}

	private static boolean signedBy(Map<String, AttributeValue> item, byte[] commitId) {
		AttributeValue written = item.get(TableLayout.COMMIT_ID);
		return written != null && written.b() != null && Arrays.equals(written.b().asByteArrayUnsafe(), commitId);
	}

	private static byte[] newCommitId() {
		byte[] commitId = new byte[COMMIT_ID_BYTES];
		COMMIT_IDS.nextBytes(commitId);
		return commitId;
	}

	private static AttributeValue commitIdValue(byte[] commitId) {
		return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(commitId));
	}

	private void put(Cursor at, LogData data, @Nullable CommandRecord command, @Nullable Long pendingAfter,
			byte @Nullable [] commitId) {
		Map<String, AttributeValue> item = new HashMap<>(key(at));
		item.put(TableLayout.DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(data.toStored())));
		if (pendingAfter != null) {
			item.put(TableLayout.PENDING_AFTER, AttributeValue.fromN(Long.toString(pendingAfter)));
		}
		if (commitId != null) {
			item.put(TableLayout.COMMIT_ID, commitIdValue(commitId));
		}
		if (this.changeFeed != null && !at.stream().isRoot()) {
			item.put(TableLayout.FEED_PARTITION, AttributeValue.fromS(DynamoDbChangeFeed.partitionKey(at.stream())));
			item.put(TableLayout.FEED_TIME, AttributeValue.fromN(Long.toString(this.clock.millis())));
		}
		if (command != null) {
			item.put(TableLayout.COMMAND_KEY, AttributeValue.fromS(command.key().value()));
			if (command.result() != null) {
				item.put(TableLayout.COMMAND_RESULT, AttributeValue.fromS(command.result()));
			}
		}
		this.calls.call("PutItem", () -> this.client.putItem((put) -> put.tableName(this.tableName)
			.returnConsumedCapacity(this.returnCapacity)
			.item(item)
			.conditionExpression(APPEND_CONDITION)
			.expressionAttributeNames(Map.of("#s", TableLayout.STREAM, "#v", TableLayout.VERSION))),
				PutItemResponse::consumedCapacity);
	}

	private static @Nullable CommandRecord commandRecord(Map<String, AttributeValue> item) {
		AttributeValue key = item.get(TableLayout.COMMAND_KEY);
		if (key == null) {
			return null;
		}
		AttributeValue result = item.get(TableLayout.COMMAND_RESULT);
		if (key.s() == null || (result != null && result.s() == null)) {
			throw new IllegalArgumentException("the command record's attributes '" + TableLayout.COMMAND_KEY
					+ "' and '" + TableLayout.COMMAND_RESULT + "' must be strings");
		}
		return new CommandRecord(IdempotencyKey.of(key.s()), (result != null) ? result.s() : null);
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

		private int feedPageSize = 1_000;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private boolean consistentReads = true;

		private DynamoDbListener listener = DynamoDbListener.NONE;

		private boolean changeFeed = true;

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
		 * Sets the clock for the times of meta events and of change feed records; the
		 * system clock by default.
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
		 * Sets the most records one {@code Query} of the change feed returns; 1 000 by
		 * default. A record is keys only (about 100 bytes), so a page of 1 000 stays far
		 * below the 1 MB a {@code Query} returns at most, and a poll reads the overlap of a
		 * busy partition in one call.
		 * @param feedPageSize records per page, at least 1
		 * @return this builder
		 */
		public Builder feedPageSize(int feedPageSize) {
			if (feedPageSize < 1) {
				throw new IllegalArgumentException("feedPageSize must be at least 1, was " + feedPageSize);
			}
			this.feedPageSize = feedPageSize;
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
		 * Sets whether entries carry change feed records and
		 * {@link DynamoDbEventLog#changeFeed()} reads them; {@code true} by default. The
		 * feed needs the events table's index {@code feed}
		 * ({@link DynamoDbTables#createMissing()} adds it) and costs each append below the
		 * root a write to the index. Turned off, entries are written without {@code f} and
		 * {@code ft} and the log has no change feed, so no tree of streams can be followed.
		 * @param changeFeed whether to keep the change feed
		 * @return this builder
		 */
		public Builder changeFeed(boolean changeFeed) {
			this.changeFeed = changeFeed;
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
