package io.eventhorizon.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to read from a {@link ChangeFeed}: one partition of a tree's records, from a time
 * on, optionally continuing after the last record of a previous page.
 * <p>
 * Immutable and thread-safe.
 *
 * @param tree the records of streams strictly below this stream are read; not the root
 * @param partition the partition, from 0 to {@link ChangeFeed#PARTITIONS} {@code - 1}
 * @param fromMillis the earliest record time to read (inclusive)
 * @param continueAfter the last record of the previous page, or {@code null} for the first;
 * a record of this partition of this tree
 * @since 0.1.0
 */
public record FeedQuery(StreamName tree, int partition, long fromMillis, @Nullable FeedRecord continueAfter) {

	public FeedQuery {
		Objects.requireNonNull(tree, "tree must not be null");
		if (tree.isRoot()) {
			throw new IllegalArgumentException("The root stream / cannot be followed as a tree; follow a stream below it");
		}
		if (partition < 0 || partition >= ChangeFeed.PARTITIONS) {
			throw new IllegalArgumentException(
					"partition must be from 0 to " + (ChangeFeed.PARTITIONS - 1) + ", was " + partition);
		}
		// A record of another partition or tree has no place in this one's order to go on from.
		if (continueAfter != null && (!continueAfter.entry().stream().isDescendantOf(tree)
				|| ChangeFeed.partitionOf(continueAfter.entry().stream()) != partition)) {
			throw new IllegalArgumentException("continueAfter " + continueAfter + " is not a record of partition "
					+ partition + " of the tree " + tree);
		}
	}

	/**
	 * Returns the query for the page after {@code last}.
	 * @param last the last record of the page just read
	 * @return the next query
	 */
	public FeedQuery after(FeedRecord last) {
		return new FeedQuery(this.tree, this.partition, this.fromMillis, last);
	}

}
