package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions of one stream seen so far, in any order, kept as runs of consecutive
 * versions: a stream without gaps takes one run however long it is, so that checking a
 * store needs memory for its streams and its gaps, not for its entries.
 * <p>
 * Not thread-safe: one check adds to it.
 */
final class VersionRanges {

	// First version of each run to its last.
	private final TreeMap<Long, Long> runs = new TreeMap<>();

	private long count;

	/**
	 * Adds a version seen.
	 * @param version the version
	 */
	void add(long version) {
		Map.Entry<Long, Long> before = this.runs.floorEntry(version);
		if (before != null && before.getValue() >= version) {
			// Seen already: the table's key makes this impossible, but a count must not lie.
			return;
		}
		this.count++;
		long first = version;
		long last = version;
		if (before != null && before.getValue() == version - 1) {
			first = before.getKey();
		}
		Long after = this.runs.get(version + 1);
		if (after != null) {
			last = after;
			this.runs.remove(version + 1);
		}
		this.runs.put(first, last);
	}

	/**
	 * Returns how many versions were seen.
	 * @return the count
	 */
	long count() {
		return this.count;
	}

	/**
	 * Returns the versions missing below the highest seen, starting from 0, each as the
	 * first and last of a run of missing versions.
	 * @return the gaps, in order; empty when the versions are contiguous from 0
	 */
	List<long[]> gaps() {
		List<long[]> gaps = new ArrayList<>();
		long expected = 0;
		for (Map.Entry<Long, Long> run : this.runs.entrySet()) {
			if (run.getKey() > expected) {
				gaps.add(new long[] { expected, run.getKey() - 1 });
			}
			expected = run.getValue() + 1;
		}
		return gaps;
	}

	/**
	 * Returns the highest version seen.
	 * @return the version, or -1 when none was seen
	 */
	long highest() {
		return this.runs.isEmpty() ? -1 : this.runs.lastEntry().getValue();
	}

}
