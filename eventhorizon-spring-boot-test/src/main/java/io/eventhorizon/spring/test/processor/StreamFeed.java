package io.eventhorizon.spring.test.processor;

import java.time.Instant;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.AnnotatedEventsProcessor;
import io.eventhorizon.testkit.ProcessorFixture;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a read model of one stream through the core's {@link ProcessorFixture}, so that it
 * runs exactly as a hand-written processor does there.
 * <p>
 * Not thread-safe: it belongs to one test.
 */
final class StreamFeed implements ProcessorFeed {

	private final AnnotatedEventsProcessor processor;

	private final ProcessorFixture<AnnotatedEventsProcessor> fixture;

	StreamFeed(AnnotatedEventsProcessor processor) {
		this.processor = processor;
		this.fixture = ProcessorFixture.of(processor);
	}

	@Override
	public StreamName followed() {
		return this.fixture.stream();
	}

	@Override
	public void commit(StreamName stream, Instant time, @Nullable String userId, Object... payloads) {
		if (!stream.equals(followed())) {
			throw new IllegalArgumentException("Processor '" + this.processor.name() + "' follows the stream "
					+ followed() + ", not " + stream + ": give it events of " + followed());
		}
		this.fixture.at(time);
		if (userId != null) {
			this.fixture.givenBy(userId, payloads);
		}
		else {
			this.fixture.given(payloads);
		}
	}

	@Override
	public void load() {
		this.fixture.loaded();
	}

	@Override
	public InMemoryEventLog eventLog() {
		return this.fixture.eventLog();
	}

	@Override
	public InMemorySnapshotStore snapshotStore() {
		return this.fixture.snapshotStore();
	}

}
