package io.eventhorizon.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.FeedPage;
import io.eventhorizon.core.FeedQuery;
import io.eventhorizon.core.FeedRecord;
import io.eventhorizon.core.StreamName;

/**
 * A change feed that shows another's records as the test wants them seen: some held back
 * until released (an index visible late), some streams' times shifted (a writer whose
 * clock is off), some records added (a stream whose creation finished later). It counts
 * its reads. Each read returns one page of the whole partition. Thread-safe.
 */
final class ControlledFeed implements ChangeFeed {

	private final ChangeFeed delegate;

	private final Set<Cursor> heldBack = ConcurrentHashMap.newKeySet();

	private final Map<StreamName, Long> shifts = new ConcurrentHashMap<>();

	private final List<FeedRecord> added = new CopyOnWriteArrayList<>();

	private final AtomicInteger reads = new AtomicInteger();

	ControlledFeed(ChangeFeed delegate) {
		this.delegate = delegate;
	}

	/** Hides the record of an entry until {@link #release(Cursor)}. */
	void holdBack(Cursor entry) {
		this.heldBack.add(entry);
	}

	/** Shows the record of an entry at last, with the time it was written. */
	void release(Cursor entry) {
		this.heldBack.remove(entry);
	}

	/** Stamps the records of a stream as written by a clock {@code millis} off. */
	void shift(StreamName stream, long millis) {
		this.shifts.put(stream, millis);
	}

	/** Shows one more record, as the last step of a stream's creation does. */
	void add(FeedRecord record) {
		this.added.add(record);
	}

	int reads() {
		return this.reads.get();
	}

	@Override
	public FeedPage read(FeedQuery query) {
		this.reads.incrementAndGet();
		List<FeedRecord> records = new ArrayList<>();
		FeedQuery everything = new FeedQuery(query.tree(), query.partition(), Long.MIN_VALUE, null);
		while (true) {
			FeedPage page = this.delegate.read(everything);
			for (FeedRecord record : page.records()) {
				if (!this.heldBack.contains(record.entry())) {
					records.add(new FeedRecord(record.entry(),
							record.timeMillis() + this.shifts.getOrDefault(record.entry().stream(), 0L)));
				}
			}
			if (!page.more() || page.last() == null) {
				break;
			}
			everything = everything.after(page.last());
		}
		for (FeedRecord record : this.added) {
			if (record.entry().stream().isDescendantOf(query.tree())
					&& ChangeFeed.partitionOf(record.entry().stream()) == query.partition()) {
				records.add(record);
			}
		}
		records.removeIf((record) -> record.timeMillis() < query.fromMillis());
		records.sort(Comparator.comparingLong(FeedRecord::timeMillis));
		return new FeedPage(records, false);
	}

}
