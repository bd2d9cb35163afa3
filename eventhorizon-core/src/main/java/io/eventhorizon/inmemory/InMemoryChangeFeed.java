package io.eventhorizon.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.FeedPage;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;

/**
 * The {@link ChangeFeed} of an {@link InMemoryEventLog}: a record is visible as soon as its
 * entry is. Records of a partition are kept in time order (records of equal time in the
 * order they were added), as a DynamoDB index sorted by time keeps them.
 * <p>
 * Thread-safe.
 */
final class InMemoryChangeFeed implements ChangeFeed {

	private final Map<String, List<FeedRecord>> partitions = new HashMap<>();

	private final int pageSize;

	InMemoryChangeFeed(int pageSize) {
		this.pageSize = pageSize;
	}

	synchronized void add(Cursor entry, long timeMillis) {
		if (entry.stream().isRoot()) {
			return;
		}
		List<FeedRecord> records = this.partitions.computeIfAbsent(key(ChangeFeed.topLevelOf(entry.stream()),
				ChangeFeed.partitionOf(entry.stream())), (key) -> new ArrayList<>());
		int position = records.size();
		while (position > 0 && records.get(position - 1).timeMillis() > timeMillis) {
			position--;
		}
		records.add(position, new FeedRecord(entry, timeMillis));
	}

	@Override
	public synchronized FeedPage read(FeedQuery query) {
		Objects.requireNonNull(query, "query must not be null");
		List<FeedRecord> records = this.partitions.getOrDefault(
				key(ChangeFeed.topLevelOf(query.tree()), query.partition()), List.of());
		int start = startOf(records, query);
		List<FeedRecord> page = new ArrayList<>();
		int position = start;
		for (; position < records.size() && page.size() < this.pageSize; position++) {
			FeedRecord record = records.get(position);
			if (record.entry().stream().isDescendantOf(query.tree())) {
				page.add(record);
			}
		}
		return new FeedPage(page, position < records.size());
	}

	private static int startOf(List<FeedRecord> records, FeedQuery query) {
		FeedRecord continueAfter = query.continueAfter();
		if (continueAfter != null) {
			int index = records.indexOf(continueAfter);
			if (index >= 0) {
				return index + 1;
			}
		}
		long from = (continueAfter != null) ? Math.max(query.fromMillis(), continueAfter.timeMillis())
				: query.fromMillis();
		int position = 0;
		while (position < records.size() && records.get(position).timeMillis() < from) {
			position++;
		}
		return position;
	}

	private static String key(StreamName topLevel, int partition) {
		return topLevel + "#" + partition;
	}

}
