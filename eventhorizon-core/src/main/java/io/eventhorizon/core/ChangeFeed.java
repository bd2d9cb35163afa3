package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The change feed of an event log: one record per entry of every stream below the root
 * (the stream, the version and the writer's clock when it was written), so that a reader
 * of a whole tree of streams learns which streams moved without reading every stream.
 * <p>
 * The records of each top-level tree ({@code /bank} for {@code /bank/accounts/acc-1}) are
 * spread over {@link #PARTITIONS} partitions by a hash of the stream name, so that no single
 * partition (no item, no key) is written by every append. A reader reads every partition of
 * its tree's top level.
 * <p>
 * The feed is a hint, never the truth: a reader reads the entries themselves from their
 * stream, after the cursor it stored for that stream. A record may become visible late
 * (DynamoDB's indexes are eventually consistent) and writers' clocks may differ, so readers
 * read each partition again over an overlap window and, rarely, walk the whole tree (see
 * {@code docs/stream-trees.md}).
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface ChangeFeed {

	/**
	 * The number of partitions of each top-level tree's feed. Part of the storage format:
	 * writers and readers on every instance must agree on it, so it is not configurable.
	 */
	int PARTITIONS = 16;

	/**
	 * Reads one partition of the feed of a tree: the records of streams strictly below
	 * {@code query.tree()} whose time is at or after {@code query.fromMillis()}, oldest
	 * first, continuing after {@code query.continueAfter()} when it is set.
	 * @param query what to read
	 * @return a page of records
	 */
	FeedPage read(FeedQuery query);

	/**
	 * Returns the partition of a stream's feed records: the CRC-32 of its name's UTF-8
	 * bytes, modulo {@link #PARTITIONS}.
	 * @param stream the stream, not the root
	 * @return the partition, from 0 to {@code PARTITIONS - 1}
	 */
	static int partitionOf(StreamName stream) {
		CRC32 crc = new CRC32();
		crc.update(stream.toString().getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % PARTITIONS);
	}

	/**
	 * Returns the top-level stream of a tree, whose feed holds the records of every stream
	 * below it: {@code /bank} for {@code /bank/accounts/acc-1}.
	 * @param stream a stream below the root
	 * @return its top-level ancestor, or itself at the top level
	 * @throws IllegalArgumentException if {@code stream} is the root
	 */
	static StreamName topLevelOf(StreamName stream) {
		if (stream.isRoot()) {
			throw new IllegalArgumentException("The root stream / has no top-level tree; follow a stream below it");
		}
		StreamName top = stream;
		while (!top.parent().orElseThrow().isRoot()) {
			top = top.parent().orElseThrow();
		}
		return top;
	}

}
