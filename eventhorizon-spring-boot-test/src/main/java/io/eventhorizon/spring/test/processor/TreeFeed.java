package io.eventhorizon.spring.test.processor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.AnnotatedTreeProcessor;
import io.eventhorizon.tree.TreeReader;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a read model of a tree through a {@link TreeReader} on an in-memory event log, as
 * production does; each load walks the whole tree, so what it feeds never depends on the
 * change feed's timing. Reads run on the calling thread and snapshots are stored at once.
 * <p>
 * Not thread-safe: it belongs to one test.
 */
final class TreeFeed implements ProcessorFeed {

	private final AnnotatedTreeProcessor processor;

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final InMemorySnapshotStore snapshotStore = new InMemorySnapshotStore();

	private final EventLineCodec codec;

	private final TreeReader reader;

	TreeFeed(AnnotatedTreeProcessor processor) {
		this.processor = processor;
		this.codec = new EventLineCodec(processor.eventTypes());
		this.reader = TreeReader.builder(processor, this.eventLog, processor.tree())
			.snapshotStore(this.snapshotStore)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.readExecutor(Runnable::run)
			.build();
		this.eventLog.bootstrap();
		createWithParents(processor.tree());
	}

	@Override
	public StreamName followed() {
		return this.processor.tree();
	}

	@Override
	public void commit(StreamName stream, Instant time, @Nullable String userId, Object... payloads) {
		if (!stream.isDescendantOf(followed())) {
			throw new IllegalArgumentException("Processor '" + this.processor.name() + "' follows the streams below "
					+ followed() + ", and " + stream + " is not one of them");
		}
		EventMeta meta = (userId != null) ? EventMeta.of(time, userId) : EventMeta.system(time);
		List<Event> events = new ArrayList<>();
		for (Object payload : payloads) {
			events.add(Event.of(payload, meta));
		}
		createWithParents(stream);
		this.eventLog.append(stream, this.codec.encode(events));
	}

	@Override
	public void load() {
		this.reader.sweep();
	}

	@Override
	public InMemoryEventLog eventLog() {
		return this.eventLog;
	}

	@Override
	public InMemorySnapshotStore snapshotStore() {
		return this.snapshotStore;
	}

	private void createWithParents(StreamName stream) {
		if (stream.isRoot()) {
			return;
		}
		createWithParents(stream.parent().orElseThrow());
		try {
			this.eventLog.createStream(stream);
		}
		catch (StreamAlreadyExistsException ex) {
			// Created by an earlier commit: nothing to do.
		}
	}

}
