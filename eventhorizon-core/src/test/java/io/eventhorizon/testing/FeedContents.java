package io.eventhorizon.testing;

import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.FeedPage;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;

/**
 * Reads a tree's whole change feed, for assertions on what it holds.
 */
public final class FeedContents {

	private FeedContents() {
	}

	/**
	 * Returns every record of one partition of a tree from a time on, page after page.
	 * @param feed the change feed
	 * @param tree the tree
	 * @param partition the partition
	 * @param fromMillis the earliest time
	 * @return the records, in the order the feed gave them
	 */
	public static List<FeedRecord> partition(ChangeFeed feed, StreamName tree, int partition, long fromMillis) {
		List<FeedRecord> records = new ArrayList<>();
		FeedQuery query = new FeedQuery(tree, partition, fromMillis, null);
		FeedPage page;
		do {
			page = feed.read(query);
			records.addAll(page.records());
			if (page.last() != null) {
				query = query.after(page.last());
			}
		}
		while (page.more());
		return records;
	}

	/**
	 * Returns every record of every partition of a tree from a time on.
	 * @param feed the change feed
	 * @param tree the tree
	 * @param fromMillis the earliest time
	 * @return the records, partition after partition
	 */
	public static List<FeedRecord> all(ChangeFeed feed, StreamName tree, long fromMillis) {
		List<FeedRecord> records = new ArrayList<>();
		for (int partition = 0; partition < ChangeFeed.PARTITIONS; partition++) {
			records.addAll(partition(feed, tree, partition, fromMillis));
		}
		return records;
	}

	/**
	 * Returns every record of every partition of a tree.
	 * @param feed the change feed
	 * @param tree the tree
	 * @return the records, partition after partition
	 */
	public static List<FeedRecord> all(ChangeFeed feed, StreamName tree) {
		return all(feed, tree, Long.MIN_VALUE);
	}

}
