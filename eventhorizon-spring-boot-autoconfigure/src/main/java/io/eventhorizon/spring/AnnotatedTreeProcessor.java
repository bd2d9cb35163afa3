package io.eventhorizon.spring;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.tree.InMemoryTreeProcessor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link io.eventhorizon.tree.TreeProcessor} of an
 * {@link EventProcessor#tree() @EventProcessor(tree = ...)} bean kept in memory: dispatches
 * events to its {@link EventHandler} methods; the base class keeps every stream's cursor and
 * the feed position, and with a snapshot perspective puts them in the snapshot with the
 * bean's {@link SnapshotState}. A bean that implements {@link ResettableState} can be
 * rebuilt.
 * <p>
 * Thread-safe as the tree reader uses it: called by one thread at a time; the cursors and
 * the position are published safely.
 *
 * @since 0.1.0
 */
public final class AnnotatedTreeProcessor extends InMemoryTreeProcessor {

	private final String name;

	private final Object bean;

	private final AnnotatedEventsProcessor.Handlers handlers;

	AnnotatedTreeProcessor(String name, Object bean, StreamName tree, @Nullable SnapshotPerspective perspective,
			AnnotatedEventsProcessor.Handlers handlers) {
		super(tree, perspective);
		this.name = name;
		this.bean = bean;
		this.handlers = handlers;
	}

	/**
	 * Returns the processor's name: its bean name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the bean whose handlers this processor calls.
	 * @return the bean
	 */
	public Object bean() {
		return this.bean;
	}

	// The stream's cursor moves once the whole entry is applied: its next is this entry.
	@Override
	protected void apply(StreamName stream, Event event) {
		this.handlers.dispatch(event, cursor(stream).next());
	}

	@Override
	public EventTypes eventTypes() {
		return this.handlers.eventTypes();
	}

	@Override
	protected void clearState() {
		if (!(this.bean instanceof ResettableState resettable)) {
			throw new IllegalStateException("Processor '" + this.name + "' does not implement ResettableState, so it "
					+ "cannot be rebuilt");
		}
		resettable.resetState();
	}

	@Override
	protected byte[] snapshotState() {
		return ((SnapshotState) this.bean).snapshotState();
	}

	@Override
	protected void restoreState(byte[] data) {
		((SnapshotState) this.bean).restoreState(data);
	}

}
