package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;

/**
 * The tree of streams as the event log announces it: the children of a stream are those
 * that its {@code $stream.ChildStreamCreated} meta entries name, in the order they were
 * created.
 * <p>
 * Thread-safe if its event log is: it holds only the log and an immutable codec.
 */
final class StreamTree {


	private final EventLog eventLog;

	StreamTree(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	/**
	 * Returns the children announced in a stream, reading it from the beginning.
	 * @param parent the stream
	 * @return the children, in the order of their announcements
	 * @throws StreamNotFoundException if the stream does not exist
	 * @throws io.eventhorizon.event.MalformedEntryException if a meta entry cannot be read
	 */
	List<StreamName> children(StreamName parent) {
		// A set: an announcement read twice must not list the child twice.
		Set<StreamName> children = new LinkedHashSet<>();
		Cursor after = parent.beginning();
		ReadResult page;
		do {
			page = this.eventLog.read(after);
			for (LogEntry entry : page.entries()) {
				Announcements.in(entry).forEach((child) -> children.add(StreamName.of(child)));
			}
			after = page.lastEntry();
		}
		while (page.more());
		return List.copyOf(children);
	}

	/**
	 * Returns the streams below a stream, depth first: each child followed by the streams
	 * below it.
	 * @param parent the top of the tree, itself not included
	 * @param recursive whether to go below the children
	 * @return the streams below, with their depth (1 for a child)
	 * @throws StreamNotFoundException if the parent does not exist
	 */
	List<Node> below(StreamName parent, boolean recursive) {
		List<Node> nodes = new ArrayList<>();
		collect(parent, recursive, 1, nodes);
		return nodes;
	}

	private void collect(StreamName parent, boolean recursive, int depth, List<Node> nodes) {
		for (StreamName child : children(parent)) {
			nodes.add(new Node(child, depth));
			if (recursive) {
				try {
					collect(child, true, depth + 1, nodes);
				}
				catch (StreamNotFoundException ex) {
					// Announced but still being created: it has no children yet.
				}
			}
		}
	}

	/**
	 * A stream of the tree, at its depth below the top.
	 *
	 * @param stream the stream
	 * @param depth 1 for a child of the top, 2 for a grandchild, and so on
	 */
	record Node(StreamName stream, int depth) {
	}

}
