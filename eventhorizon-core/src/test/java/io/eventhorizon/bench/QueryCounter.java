package io.eventhorizon.bench;

import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts the {@code Query} calls a client made and the items they returned, apart for the
 * change feed's index and for the table (the streams themselves). Thread-safe.
 */
final class QueryCounter implements ExecutionInterceptor {

	private final AtomicLong feedQueries = new AtomicLong();

	private final AtomicLong feedItems = new AtomicLong();

	private final AtomicLong streamQueries = new AtomicLong();

	private final AtomicLong streamItems = new AtomicLong();

	private final AtomicLong feedScanned = new AtomicLong();

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse response) {
			boolean feed = query.indexName() != null;
			(feed ? this.feedQueries : this.streamQueries).incrementAndGet();
			(feed ? this.feedItems : this.streamItems).addAndGet(response.count());
			if (feed) {
				this.feedScanned.addAndGet(response.scannedCount());
			}
		}
	}

	/**
	 * Returns what was counted so far.
	 * @return the counts
	 */
	Counts counts() {
		return new Counts(this.feedQueries.get(), this.feedItems.get(), this.feedScanned.get(),
				this.streamQueries.get(), this.streamItems.get());
	}

	/**
	 * {@code Query} calls and the items they returned, on the feed's index (also the items
	 * its key condition matched before the filter on the tree) and on the table.
	 */
	record Counts(long feedQueries, long feedItems, long feedScanned, long streamQueries, long streamItems) {

		Counts since(Counts earlier) {
			return new Counts(this.feedQueries - earlier.feedQueries, this.feedItems - earlier.feedItems,
					this.feedScanned - earlier.feedScanned, this.streamQueries - earlier.streamQueries,
					this.streamItems - earlier.streamItems);
		}

	}

}
