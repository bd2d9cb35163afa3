package io.eventhorizon.aggregate;

import java.util.Optional;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;

/**
 * The state of one loaded aggregate and its cursor, fed by its Reader from the aggregate's
 * stream.
 * <p>
 * Thread-safety: called by its Reader one thread at a time; commands and queries read the
 * state while holding the Reader's lock.
 */
final class AggregateProcessor<A> implements EventsProcessor {

	private final AggregateType<A> type;

	private volatile A state;

	private volatile Cursor cursor;

	AggregateProcessor(AggregateType<A> type, StreamName stream) {
		this.type = type;
		this.state = type.newState();
		this.cursor = stream.beginning();
	}

	A state() {
		return this.state;
	}

	Cursor cursor() {
		return this.cursor;
	}

	@Override
	public void processEvents(EntryHandler handler) {
		handler.handle(this.cursor, (event) -> this.type.eventHandler().apply(this.state, event),
				(committed) -> this.cursor = committed);
	}

	@Override
	public void reset() {
		this.state = this.type.newState();
		this.cursor = this.cursor.stream().beginning();
	}

	@Override
	public EventTypes eventTypes() {
		return this.type.eventTypes();
	}

	@Override
	public Optional<SnapshotPerspective> snapshotPerspective() {
		return this.type.snapshots().map(AggregateType.Snapshots::perspective);
	}

	@Override
	public Snapshot takeSnapshot() {
		AggregateType.Snapshots<A> snapshots = this.type.snapshots().orElseThrow();
		return Snapshot.of(this.cursor, snapshots.perspective(), snapshots.format().write(this.state));
	}

	@Override
	public void installSnapshot(Snapshot snapshot) {
		this.state = this.type.snapshots().orElseThrow().format().read(snapshot.data());
		this.cursor = snapshot.cursor();
	}

}
