package io.eventhorizon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Makes a global secondary index (such as the change feed's {@code feed}) late, as
 * DynamoDB's indexes may be: a {@code Query} on an index does not return an item whose
 * base write ({@code PutItem} or {@code UpdateItem}) this interceptor saw less than
 * {@code delay} ago by its clock, nor one written while the test {@linkplain #hold() holds
 * the index back}, until it {@linkplain #release() releases} it. Base table reads are left
 * alone: an entry is there at once, only its record is late.
 * <p>
 * Add the same instance to every client of a test, the writers' and the readers': it
 * hides what it saw written through any of them. Move a {@link SettableClock} past the
 * delay instead of sleeping, or hold and release to force the interleaving.
 * <p>
 * Thread-safe.
 */
public final class LateFeedInterceptor implements ExecutionInterceptor {

	private final Duration delay;

	private final Clock clock;

	private final Map<String, Instant> writtenAt = new ConcurrentHashMap<>();

	private final Set<String> held = ConcurrentHashMap.newKeySet();

	private final AtomicInteger hiddenCount = new AtomicInteger();

	private volatile boolean holding;

	/**
	 * Creates an interceptor that hides nothing until {@link #hold()} is called.
	 */
	public LateFeedInterceptor() {
		this(Duration.ZERO, Clock.systemUTC());
	}

	/**
	 * Creates an interceptor that hides every item written less than {@code delay} ago by
	 * {@code clock}, and those held back.
	 * @param delay how late the index is
	 * @param clock the clock that tells how long ago a write was
	 */
	public LateFeedInterceptor(Duration delay, Clock clock) {
		this.delay = Objects.requireNonNull(delay, "delay must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	/**
	 * From now on, hides every item written until {@link #release()}, whatever the delay.
	 */
	public void hold() {
		this.holding = true;
	}

	/**
	 * Stops holding back: the items held become visible (unless the delay still hides them).
	 */
	public void release() {
		this.holding = false;
		this.held.clear();
	}

	/**
	 * Returns how many items this interceptor has removed from index query answers so
	 * far, so that a test can tell that the index really was late.
	 * @return the number of items hidden
	 */
	public int hiddenCount() {
		return this.hiddenCount.get();
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		if (context.request() instanceof PutItemRequest put) {
			written(put.tableName(), put.item());
		}
		else if (context.request() instanceof UpdateItemRequest update) {
			written(update.tableName(), update.key());
		}
	}

	private void written(String table, Map<String, AttributeValue> item) {
		String key = key(table, item);
		if (this.holding) {
			this.held.add(key);
		}
		if (!this.delay.isZero()) {
			this.writtenAt.put(key, this.clock.instant());
		}
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
		if (!(context.request() instanceof QueryRequest query) || query.indexName() == null
				|| !(context.response() instanceof QueryResponse response)) {
			return context.response();
		}
		Instant now = this.clock.instant();
		List<Map<String, AttributeValue>> visible = response.items()
			.stream()
			.filter((item) -> isVisible(key(query.tableName(), item), now))
			.toList();
		int hidden = response.items().size() - visible.size();
		if (hidden == 0) {
			return response;
		}
		this.hiddenCount.addAndGet(hidden);
		return response.toBuilder().items(visible).count(visible.size()).build();
	}

	private boolean isVisible(String key, Instant now) {
		if (this.held.contains(key)) {
			return false;
		}
		Instant written = this.writtenAt.get(key);
		return written == null || !now.isBefore(written.plus(this.delay));
	}

	// An item of the events table is named by its stream and version.
	private static String key(String table, Map<String, AttributeValue> item) {
		return table + "|" + item.get("s") + "|" + item.get("v");
	}

}
