package io.eventhorizon.aggregate;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * A kind of aggregate: where its streams live (one per aggregate, {@code <parent>/<id>}),
 * which events it understands, how a new one starts, how an event changes it and,
 * optionally, how it is snapshotted.
 * <pre class="code">
 * AggregateType&lt;Account&gt; accounts = AggregateType.builder("account", StreamName.of("/bank/accounts"))
 *     .eventTypes(EventTypes.of(Opened.class, Deposited.class))
 *     .newState(Account::new)
 *     .eventHandler((account, event) -&gt; account.apply(event.payload()))
 *     .snapshots(SnapshotPerspective.v1("account"), 100, format)
 *     .build();
 * </pre>
 * <p>
 * Immutable and thread-safe (the state supplier and the handlers must be, too).
 *
 * @param <A> the aggregate's state type
 * @since 0.1.0
 */
public final class AggregateType<A> {

	private final String name;

	private final StreamName parent;

	private final EventTypes eventTypes;

	private final Supplier<A> newState;

	private final AggregateEventHandler<A> eventHandler;

	private final @Nullable Snapshots<A> snapshots;

	private AggregateType(Builder<A> builder) {
		this.name = builder.name;
		this.parent = builder.parent;
		this.eventTypes = Objects.requireNonNull(builder.eventTypes, "eventTypes must be set");
		this.newState = Objects.requireNonNull(builder.newState, "newState must be set");
		this.eventHandler = Objects.requireNonNull(builder.eventHandler, "eventHandler must be set");
		this.snapshots = builder.snapshots;
	}

	/**
	 * Returns a builder of an aggregate type.
	 * @param <A> the aggregate's state type
	 * @param name the type's name, for messages and metrics (such as {@code account})
	 * @param parent the stream below which each aggregate has its stream
	 * @return a new builder
	 */
	public static <A> Builder<A> builder(String name, StreamName parent) {
		return new Builder<>(name, parent);
	}

	/**
	 * Returns the type's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the stream below which each aggregate has its stream.
	 * @return the parent stream
	 */
	public StreamName parent() {
		return this.parent;
	}

	/**
	 * Returns the stream of one aggregate: {@code <parent>/<id>}.
	 * @param id the aggregate's id, one valid stream name segment
	 * @return the stream
	 * @throws io.eventhorizon.core.InvalidStreamNameException if the id is not a valid
	 * segment (empty, {@code ..}, containing {@code /} or {@code @}, ...)
	 */
	public StreamName streamOf(String id) {
		return this.parent.child(Objects.requireNonNull(id, "id must not be null"));
	}

	/**
	 * Returns the event types the aggregate understands.
	 * @return the event types
	 */
	public EventTypes eventTypes() {
		return this.eventTypes;
	}

	A newState() {
		return Objects.requireNonNull(this.newState.get(), () -> "The new state of a " + this.name + " is null");
	}

	AggregateEventHandler<A> eventHandler() {
		return this.eventHandler;
	}

	/**
	 * Returns how the aggregate is snapshotted, if it is.
	 * @return the snapshot settings
	 */
	public Optional<Snapshots<A>> snapshots() {
		return Optional.ofNullable(this.snapshots);
	}

	/**
	 * How an aggregate is snapshotted: under a perspective, every {@code every} entries.
	 *
	 * @param <A> the aggregate's state type
	 * @param perspective the snapshot perspective; bump its version when the state's shape
	 * changes
	 * @param every how many entries the aggregate moves on between two snapshots, at least 1
	 * @param format how the state is serialized
	 */
	public record Snapshots<A>(SnapshotPerspective perspective, long every, AggregateStateFormat<A> format) {

		public Snapshots {
			Objects.requireNonNull(perspective, "perspective must not be null");
			Objects.requireNonNull(format, "format must not be null");
			if (every < 1) {
				throw new IllegalArgumentException("Snapshots are taken every 1 or more entries, not every " + every);
			}
		}

	}

	/**
	 * Configures an {@link AggregateType}. Not thread-safe.
	 *
	 * @param <A> the aggregate's state type
	 */
	public static final class Builder<A> {

		private final String name;

		private final StreamName parent;

		private @Nullable EventTypes eventTypes;

		private @Nullable Supplier<A> newState;

		private @Nullable AggregateEventHandler<A> eventHandler;

		private @Nullable Snapshots<A> snapshots;

		private Builder(String name, StreamName parent) {
			this.name = Objects.requireNonNull(name, "name must not be null");
			this.parent = Objects.requireNonNull(parent, "parent must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("An aggregate type's name must not be blank");
			}
		}

		/**
		 * Sets the event types the aggregate understands; events of other types in its
		 * stream are skipped.
		 * @param eventTypes the event types
		 * @return this builder
		 */
		public Builder<A> eventTypes(EventTypes eventTypes) {
			this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes must not be null");
			return this;
		}

		/**
		 * Sets how the state of an aggregate without events starts.
		 * @param newState makes a new state at each call
		 * @return this builder
		 */
		public Builder<A> newState(Supplier<A> newState) {
			this.newState = Objects.requireNonNull(newState, "newState must not be null");
			return this;
		}

		/**
		 * Sets how a committed event changes the state.
		 * @param eventHandler the handler
		 * @return this builder
		 */
		public Builder<A> eventHandler(AggregateEventHandler<A> eventHandler) {
			this.eventHandler = Objects.requireNonNull(eventHandler, "eventHandler must not be null");
			return this;
		}

		/**
		 * Snapshots each aggregate under {@code perspective} every {@code every} entries, in
		 * the background; a load then starts from the newest snapshot and reads only the
		 * entries after it.
		 * @param perspective the snapshot perspective
		 * @param every how many entries between two snapshots, at least 1
		 * @param format how the state is serialized
		 * @return this builder
		 */
		public Builder<A> snapshots(SnapshotPerspective perspective, long every, AggregateStateFormat<A> format) {
			this.snapshots = new Snapshots<>(perspective, every, format);
			return this;
		}

		/**
		 * Returns the aggregate type.
		 * @return the type
		 * @throws NullPointerException if the event types, the new state or the event
		 * handler is not set
		 */
		public AggregateType<A> build() {
			return new AggregateType<>(this);
		}

	}

}
