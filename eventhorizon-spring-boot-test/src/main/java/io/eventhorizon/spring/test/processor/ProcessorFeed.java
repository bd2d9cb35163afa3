package io.eventhorizon.spring.test.processor;

import java.time.Instant;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AnnotatedProcessorFixture} feeds its processor: one stream through a
 * {@code Reader}, or a tree through a {@code TreeReader}.
 */
interface ProcessorFeed {

	/**
	 * Returns the stream, or the top of the tree, that the processor follows.
	 * @return the followed stream
	 */
	StreamName followed();

	/**
	 * Appends the payloads to a stream as one commit.
	 * @param stream the stream, created (with its parents) when missing
	 * @param time the time of the events
	 * @param userId who caused them, or {@code null} for the system
	 * @param payloads the payloads
	 */
	void commit(StreamName stream, Instant time, @Nullable String userId, Object... payloads);

	/**
	 * Feeds the processor everything appended so far.
	 */
	void load();

	InMemoryEventLog eventLog();

	InMemorySnapshotStore snapshotStore();

}
