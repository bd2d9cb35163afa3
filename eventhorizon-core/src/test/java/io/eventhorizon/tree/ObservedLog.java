package io.eventhorizon.tree;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.testing.ForwardingEventLog;

/**
 * An event log whose feed is a {@link ControlledFeed}, that counts the reads of streams and
 * can show a stream as still being created (as a DynamoDB log shows a pending {@code @0}).
 * Thread-safe.
 */
final class ObservedLog extends ForwardingEventLog {

	private final ControlledFeed feed;

	private final AtomicInteger streamReads = new AtomicInteger();

	private final Set<StreamName> beingCreated = ConcurrentHashMap.newKeySet();

	ObservedLog(EventLog delegate) {
		super(delegate);
		this.feed = new ControlledFeed(delegate.changeFeed().orElseThrow());
	}

	ControlledFeed feed() {
		return this.feed;
	}

	int streamReads() {
		return this.streamReads.get();
	}

	/** Shows {@code stream} as being created until {@link #finishCreating(StreamName)}. */
	void startCreating(StreamName stream) {
		this.beingCreated.add(stream);
	}

	void finishCreating(StreamName stream) {
		this.beingCreated.remove(stream);
	}

	@Override
	public ReadResult read(Cursor after) {
		this.streamReads.incrementAndGet();
		if (after.isBeginning() && this.beingCreated.contains(after.stream())) {
			throw new StreamNotFoundException(after.stream(),
					"Stream " + after.stream() + " is being created and does not exist yet");
		}
		return super.read(after);
	}

	@Override
	public Optional<ChangeFeed> changeFeed() {
		return Optional.of(this.feed);
	}

}
