package io.eventhorizon.tree;

import java.util.Arrays;
import java.util.Objects;

import io.eventhorizon.core.ChangeFeed;

/**
 * How far a tree reader has read each partition of its tree's {@link ChangeFeed}: for each
 * partition, a time (milliseconds since the epoch) such that every record at or before it
 * that was visible when the position was taken has been applied. A reader that starts
 * from a position reads each partition again from its time minus the overlap window.
 * <p>
 * Its text form is the times separated by commas, partition 0 first.
 * <p>
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FeedPosition {

	private final long[] frontiers;

	private FeedPosition(long[] frontiers) {
		this.frontiers = frontiers;
	}

	/**
	 * Returns the position at which every partition is at {@code timeMillis}.
	 * @param timeMillis the time
	 * @return the position
	 */
	public static FeedPosition at(long timeMillis) {
		long[] frontiers = new long[ChangeFeed.PARTITIONS];
		Arrays.fill(frontiers, timeMillis);
		return new FeedPosition(frontiers);
	}

	/**
	 * Parses the text form.
	 * @param text the times separated by commas, one per partition
	 * @return the position
	 * @throws IllegalArgumentException if {@code text} is not the text form of a position
	 */
	public static FeedPosition parse(String text) {
		Objects.requireNonNull(text, "text must not be null");
		String[] parts = text.split(",", -1);
		if (parts.length != ChangeFeed.PARTITIONS) {
			throw new IllegalArgumentException("A feed position has " + ChangeFeed.PARTITIONS
					+ " comma-separated times, not " + parts.length + ": '" + text + "'");
		}
		long[] frontiers = new long[parts.length];
		for (int partition = 0; partition < parts.length; partition++) {
			try {
				frontiers[partition] = Long.parseLong(parts[partition].trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a feed position: '" + text + "'", ex);
			}
		}
		return new FeedPosition(frontiers);
	}

	/**
	 * Returns the time of one partition.
	 * @param partition the partition
	 * @return the time, milliseconds since the epoch
	 */
	public long frontier(int partition) {
		return this.frontiers[partition];
	}

	/**
	 * Returns this position with one partition at another time.
	 * @param partition the partition
	 * @param timeMillis its time
	 * @return the new position
	 */
	public FeedPosition with(int partition, long timeMillis) {
		long[] frontiers = this.frontiers.clone();
		frontiers[partition] = timeMillis;
		return new FeedPosition(frontiers);
	}

	/**
	 * Returns the earliest time of all partitions.
	 * @return the earliest time
	 */
	public long earliest() {
		return Arrays.stream(this.frontiers).min().orElseThrow();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FeedPosition position && Arrays.equals(this.frontiers, position.frontiers);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.frontiers);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (long frontier : this.frontiers) {
			if (!text.isEmpty()) {
				text.append(',');
			}
			text.append(frontier);
		}
		return text.toString();
	}

}
