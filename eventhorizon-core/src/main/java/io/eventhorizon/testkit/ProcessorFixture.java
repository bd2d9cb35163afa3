package io.eventhorizon.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.client.Reader;
import io.eventhorizon.client.SnapshotPolicy;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;

/**
 * Tests a processor the way it runs in production, but in memory: given some events in its
 * stream, then its state. The stream (and its parents) are created for you; each
 * {@code given} call is one commit; snapshots are stored at once and synchronously.
 *
 * <pre>
 * ProcessorFixture.of(new ChatRoom(OFFTOPIC))
 *     .at(t0).givenBy("joonas", new ChatMessage(1, "Testing first message"))
 *     .then((room) -&gt; assertThat(room.printChatLog()).isEqualTo("13:45:00 joonas: Testing first message"));
 * </pre>
 * <p>
 * Not thread-safe: a fixture belongs to one test.
 *
 * @param <P> the processor type
 * @since 0.1.0
 */
public final class ProcessorFixture<P extends EventsProcessor> {

	private final P processor;

	private final StreamName stream;

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final InMemorySnapshotStore snapshotStore = new InMemorySnapshotStore();

	private final EventLineCodec codec;

	private final Reader reader;

	private Instant time = Instant.parse("2020-02-12T13:45:00Z");

	private ProcessorFixture(P processor) {
		this.processor = processor;
		this.stream = processor.storedCursor().stream();
		this.codec = new EventLineCodec(processor.eventTypes());
		this.reader = Reader.builder(processor, this.eventLog)
			.snapshotStore(this.snapshotStore)
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.build();
		this.eventLog.bootstrap();
		createWithParents(this.stream);
	}

	/**
	 * Returns a fixture for a processor at the beginning of its stream.
	 * @param <P> the processor type
	 * @param processor the processor under test
	 * @return the fixture
	 */
	public static <P extends EventsProcessor> ProcessorFixture<P> of(P processor) {
		return new ProcessorFixture<>(Objects.requireNonNull(processor, "processor must not be null"));
	}

	/**
	 * Sets the time of the events given next; 2020-02-12T13:45:00Z at first.
	 * @param time the logical time
	 * @return this fixture
	 */
	public ProcessorFixture<P> at(Instant time) {
		this.time = Objects.requireNonNull(time, "time must not be null");
		return this;
	}

	/**
	 * Appends the payloads as one commit, caused by the system.
	 * @param payloads event payloads of registered types
	 * @return this fixture
	 */
	public ProcessorFixture<P> given(Object... payloads) {
		return commit(EventMeta.system(this.time), payloads);
	}

	/**
	 * Appends the payloads as one commit, caused by a user.
	 * @param userId who caused the events
	 * @param payloads event payloads of registered types
	 * @return this fixture
	 */
	public ProcessorFixture<P> givenBy(String userId, Object... payloads) {
		return commit(EventMeta.of(this.time, userId), payloads);
	}

	/**
	 * Brings the processor to realtime and hands it to the expectations.
	 * @param expectations assertions on the processor's state
	 * @return this fixture, for more givens
	 */
	public ProcessorFixture<P> then(Consumer<? super P> expectations) {
		expectations.accept(loaded());
		return this;
	}

	/**
	 * Brings the processor to realtime and returns it.
	 * @return the processor
	 */
	public P loaded() {
		this.reader.loadUntilRealtime();
		return this.processor;
	}

	/**
	 * Returns the Reader that feeds the processor, for transactWrite tests.
	 * @return the Reader
	 */
	public Reader reader() {
		return this.reader;
	}

	/**
	 * Returns the in-memory event log.
	 * @return the event log
	 */
	public InMemoryEventLog eventLog() {
		return this.eventLog;
	}

	/**
	 * Returns the in-memory snapshot store.
	 * @return the snapshot store
	 */
	public InMemorySnapshotStore snapshotStore() {
		return this.snapshotStore;
	}

	/**
	 * Returns the processor's stream.
	 * @return the stream
	 */
	public StreamName stream() {
		return this.stream;
	}

	private ProcessorFixture<P> commit(EventMeta meta, Object... payloads) {
		List<Event> events = new ArrayList<>();
		for (Object payload : payloads) {
			events.add(Event.of(payload, meta));
		}
		this.eventLog.append(this.stream, this.codec.encode(events));
		return this;
	}

	private void createWithParents(StreamName stream) {
		if (stream.isRoot()) {
			return;
		}
		createWithParents(stream.parent().orElseThrow());
		this.eventLog.createStream(stream);
	}

}
