package io.eventhorizon.spring.test.processor;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.AnnotatedProcessors;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.testkit.ProcessorFixture;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.StandardEnvironment;

/**
 * Tests an {@link EventProcessor @EventProcessor} class without an application context:
 * given some events, then its state. The object is checked and fed as the application
 * would check and feed it, through its {@code @EventHandler} methods, on an in-memory
 * event log; streams (and their parents) are created for you; each {@code given} call is
 * one commit; snapshots are taken at once and synchronously. Read models of one stream and
 * of a tree are both supported:
 *
 * <pre class="code">
 * AnnotatedProcessorFixture.of(new AccountDirectory())   // &#64;EventProcessor(tree = "/bank/accounts")
 *     .givenOn("/bank/accounts/a1", new Opened("a1", "ann"), new Deposited(100))
 *     .then((directory) -&gt; assertThat(directory.all()).hasSize(1));
 * </pre>
 * <p>
 * The processor's cursor lives in memory, even for a
 * {@link EventProcessor#transactional() transactional} processor, whose handlers run with
 * no transaction around them. For processors that implement {@code EventsProcessor}
 * themselves, use the core's {@link ProcessorFixture}.
 * <p>
 * Not thread-safe: a fixture belongs to one test.
 *
 * @param <T> the processor's class
 * @since 0.1.0
 */
public final class AnnotatedProcessorFixture<T> {

	private final T processor;

	private final ProcessorFeed feed;

	private Instant time = Instant.parse("2020-02-12T13:45:00Z");

	private AnnotatedProcessorFixture(T processor, ProcessorFeed feed) {
		this.processor = processor;
		this.feed = feed;
	}

	/**
	 * Returns a fixture for an instance of an {@code @EventProcessor} class, at the
	 * beginning of its stream or tree. Placeholders in the stream or tree resolve against
	 * system properties and environment variables, or take their defaults (as in
	 * {@code ${bank.stream:/bank}}); every handled payload class must carry
	 * {@code @EventType}.
	 * @param <T> the processor's class
	 * @param processor the processor under test
	 * @return the fixture
	 * @throws InvalidEventProcessorException if the class is declared wrongly, saying what
	 * is wrong, as the application's startup would
	 */
	public static <T> AnnotatedProcessorFixture<T> of(T processor) {
		return of(processor, new StandardEnvironment(), EventTypes.builder().build());
	}

	/**
	 * Returns a fixture for an instance of an {@code @EventProcessor} class, at the
	 * beginning of its stream or tree.
	 * @param <T> the processor's class
	 * @param processor the processor under test
	 * @param properties resolves the placeholders in its stream or tree, for example a
	 * {@code MockEnvironment}
	 * @param knownTypes the event types of handled payload classes without
	 * {@code @EventType}, as the application registers them
	 * @return the fixture
	 * @throws InvalidEventProcessorException if the class is declared wrongly, saying what
	 * is wrong, as the application's startup would
	 */
	public static <T> AnnotatedProcessorFixture<T> of(T processor, PropertyResolver properties,
			EventTypes knownTypes) {
		Objects.requireNonNull(processor, "processor must not be null");
		Objects.requireNonNull(properties, "properties must not be null");
		Objects.requireNonNull(knownTypes, "knownTypes must not be null");
		ProcessorFeed feed = AnnotatedProcessors.followsTree(processor)
				? new TreeFeed(AnnotatedProcessors.ofTree(processor, properties, knownTypes))
				: new StreamFeed(AnnotatedProcessors.ofStream(processor, properties, knownTypes));
		return new AnnotatedProcessorFixture<>(processor, feed);
	}

	/**
	 * Sets the time of the events given next; 2020-02-12T13:45:00Z at first.
	 * @param time the events' time
	 * @return this fixture
	 */
	public AnnotatedProcessorFixture<T> at(Instant time) {
		this.time = Objects.requireNonNull(time, "time must not be null");
		return this;
	}

	/**
	 * Appends the payloads to the processor's stream as one commit, caused by the system.
	 * @param payloads payloads of event types
	 * @return this fixture
	 * @throws IllegalStateException if the processor follows a tree: name the stream with
	 * {@link #givenOn(String, Object...)}
	 */
	public AnnotatedProcessorFixture<T> given(Object... payloads) {
		return commit(ownStream(), null, payloads);
	}

	/**
	 * Appends the payloads to the processor's stream as one commit, caused by a user.
	 * @param userId who caused the events
	 * @param payloads payloads of event types
	 * @return this fixture
	 * @throws IllegalStateException if the processor follows a tree: name the stream with
	 * {@link #givenOnBy(String, String, Object...)}
	 */
	public AnnotatedProcessorFixture<T> givenBy(String userId, Object... payloads) {
		return commit(ownStream(), Objects.requireNonNull(userId, "userId must not be null"), payloads);
	}

	/**
	 * Appends the payloads to a stream as one commit, caused by the system.
	 * @param stream the stream, such as {@code /bank/accounts/a1}: for a read model of a
	 * tree, one below the tree; for a read model of one stream, that stream
	 * @param payloads payloads of event types
	 * @return this fixture
	 * @throws IllegalArgumentException if the stream's name is not valid or the processor
	 * does not follow that stream
	 */
	public AnnotatedProcessorFixture<T> givenOn(String stream, Object... payloads) {
		return commit(StreamName.of(stream), null, payloads);
	}

	/**
	 * Appends the payloads to a stream as one commit, caused by a user.
	 * @param stream the stream, such as {@code /bank/accounts/a1}: for a read model of a
	 * tree, one below the tree; for a read model of one stream, that stream
	 * @param userId who caused the events
	 * @param payloads payloads of event types
	 * @return this fixture
	 * @throws IllegalArgumentException if the stream's name is not valid or the processor
	 * does not follow that stream
	 */
	public AnnotatedProcessorFixture<T> givenOnBy(String stream, String userId, Object... payloads) {
		return commit(StreamName.of(stream), Objects.requireNonNull(userId, "userId must not be null"), payloads);
	}

	/**
	 * Feeds the processor everything given so far and hands it to the expectations.
	 * @param expectations assertions on the processor's state
	 * @return this fixture, for more givens
	 */
	public AnnotatedProcessorFixture<T> then(Consumer<? super T> expectations) {
		expectations.accept(loaded());
		return this;
	}

	/**
	 * Feeds the processor everything given so far and returns it.
	 * @return the processor
	 */
	public T loaded() {
		this.feed.load();
		return this.processor;
	}

	/**
	 * Returns the stream that the processor follows, or the top of its tree.
	 * @return the stream or tree
	 */
	public StreamName stream() {
		return this.feed.followed();
	}

	/**
	 * Returns the in-memory event log, to append what other writers would have written.
	 * @return the event log
	 */
	public InMemoryEventLog eventLog() {
		return this.feed.eventLog();
	}

	/**
	 * Returns the in-memory snapshot store, which holds the processor's snapshot when it
	 * has a snapshot perspective.
	 * @return the snapshot store
	 */
	public InMemorySnapshotStore snapshotStore() {
		return this.feed.snapshotStore();
	}

	private StreamName ownStream() {
		if (this.feed instanceof TreeFeed) {
			throw new IllegalStateException(this.processor.getClass().getName() + " follows the streams below "
					+ this.feed.followed() + ": name the stream of the events with givenOn");
		}
		return this.feed.followed();
	}

	private AnnotatedProcessorFixture<T> commit(StreamName stream, @Nullable String userId, Object... payloads) {
		this.feed.commit(stream, this.time, userId, payloads);
		return this;
	}

}
