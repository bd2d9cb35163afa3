package io.eventhorizon.tree;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;

/**
 * A chat model that fails on a message saying "boom" until it is mended: put in an entry
 * after another message, it fails in the middle of the entry, after the entry's first
 * event was applied.
 */
class FragileChatTree extends ChatTree {

	volatile boolean mended;

	FragileChatTree() {
	}

	FragileChatTree(SnapshotPerspective perspective) {
		super(perspective);
	}

	@Override
	protected void apply(StreamName stream, Event event) {
		if (!this.mended && event.payload() instanceof Said said && said.text().equals("boom")) {
			throw new IllegalStateException("boom");
		}
		super.apply(stream, event);
	}

}
