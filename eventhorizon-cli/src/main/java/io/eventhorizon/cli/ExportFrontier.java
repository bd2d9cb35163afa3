package io.eventhorizon.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an export has written so far, and the passes that close it: a scan taken while
 * applications write can miss an entry appended to a stream already scanned, a child created
 * after its parent's announcement was scanned, or a child whose partition was scanned before
 * it existed. After the scan, each pass reads every stream seen above the highest version
 * written and every child announced but not seen, until one pass finds nothing new; then
 * every copied stream is announced in a copied parent, and every copied announcement has its
 * child copied.
 * <p>
 * A {@code @0} still marked pending is held back and read again after each pass: when its
 * creation has finished by then it is copied finished, otherwise it is copied pending at the
 * end (a creation in progress, that {@code create} on the copy finishes).
 * <p>
 * Memory grows with the number of streams in the tree (a version per stream, the children
 * announced, the pending {@code @0}s), as {@code verify}'s does; not with the entries.
 * <p>
 * Not thread-safe: one export feeds it.
 */
final class ExportFrontier {

	/** How many closing passes may each find something new before the export gives up. */
	static final int MAX_PASSES = 20;

	private final EventItems items;

	private final StreamName tree;

	private final Consumer<Map<String, AttributeValue>> written;

	// The highest version seen of each stream, written or held back.
	private final Map<StreamName, Long> highest = new HashMap<>();

	private final Set<StreamName> announced = new HashSet<>();

	// Each pending @0 held back, as last read.
	private final Map<StreamName, Map<String, AttributeValue>> pending = new LinkedHashMap<>();

	/**
	 * Returns a frontier with nothing seen yet.
	 * @param items the events table
	 * @param tree the top of the tree exported
	 * @param written where the items to copy go, each once
	 */
	ExportFrontier(EventItems items, StreamName tree, Consumer<Map<String, AttributeValue>> written) {
		this.items = items;
		this.tree = tree;
		this.written = written;
	}

	/**
	 * Takes one item of the scan.
	 * @param item the item as stored
	 */
	void scanned(Map<String, AttributeValue> item) {
		offer(item);
	}

	/**
	 * Reads what the scan missed, pass after pass, until a pass finds nothing new, then
	 * writes the {@code @0}s still pending as they are.
	 * @throws IllegalStateException if the tree kept changing for {@value #MAX_PASSES} passes
	 */
	void close() {
		for (int pass = 1; pass <= MAX_PASSES; pass++) {
			if (!pass()) {
				this.pending.values().forEach(this.written);
				return;
			}
		}
		throw new IllegalStateException("The tree " + this.tree + " kept changing while it was exported ("
				+ MAX_PASSES + " passes after the scan each found new entries): export it while it is quiet");
	}

	// Returns whether the pass found anything new.
	private boolean pass() {
		boolean found = false;
		for (Map.Entry<StreamName, Long> stream : List.copyOf(this.highest.entrySet())) {
			found |= readAfter(stream.getKey(), stream.getValue());
		}
		for (StreamName child : List.copyOf(this.announced)) {
			if (!this.highest.containsKey(child)) {
				found |= readAfter(child, -1);
			}
		}
		for (StreamName stream : List.copyOf(this.pending.keySet())) {
			found |= rereadPending(stream);
		}
		return found;
	}

	private boolean readAfter(StreamName stream, long version) {
		boolean found = false;
		try (Stream<Map<String, AttributeValue>> above = this.items.query(stream, version)) {
			for (Map<String, AttributeValue> item : (Iterable<Map<String, AttributeValue>>) above::iterator) {
				found |= offer(item);
			}
		}
		return found;
	}

	private boolean rereadPending(StreamName stream) {
		Map<String, AttributeValue> first;
		try (Stream<Map<String, AttributeValue>> items = this.items.query(stream)) {
			first = items.findFirst().orElse(null);
		}
		if (first == null || !"0".equals(first.get(EventItems.VERSION).n())) {
			// Nothing to copy any more: the pending @0 was removed (by hand) since it was read.
			this.pending.remove(stream);
			return true;
		}
		if (first.containsKey(EventItems.PENDING_AFTER)) {
			this.pending.put(stream, first);
			return false;
		}
		this.pending.remove(stream);
		write(stream, first);
		return true;
	}

	// Returns whether the item was new.
	private boolean offer(Map<String, AttributeValue> item) {
		StreamName stream;
		long version;
		try {
			stream = StreamName.of(item.get(EventItems.STREAM).s());
			version = Long.parseLong(item.get(EventItems.VERSION).n());
		}
		catch (InvalidStreamNameException | NumberFormatException ex) {
			// Copied as it is, for verify on either side to name; no stream to follow.
			this.written.accept(item);
			return true;
		}
		Long seen = this.highest.get(stream);
		if (seen != null && version <= seen) {
			return false;
		}
		this.highest.put(stream, version);
		if (version == 0 && item.containsKey(EventItems.PENDING_AFTER)) {
			this.pending.put(stream, item);
		}
		else {
			write(stream, item);
		}
		return true;
	}

	private void write(StreamName stream, Map<String, AttributeValue> item) {
		this.written.accept(item);
		noteAnnouncements(stream, item);
	}

	private void noteAnnouncements(StreamName stream, Map<String, AttributeValue> item) {
		// An announcement that cannot be read is copied as it is; verify names it.
		Announcements.inItem(stream, item).forEach(this::noteAnnounced);
	}

	private void noteAnnounced(String child) {
		try {
			StreamName name = StreamName.of(child);
			if (name.equals(this.tree) || name.isDescendantOf(this.tree)) {
				this.announced.add(name);
			}
		}
		catch (InvalidStreamNameException ex) {
			// Verify names it; there is no stream to copy.
		}
	}

}
