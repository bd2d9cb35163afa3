package io.eventhorizon.spring;

import java.util.Optional;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;

/**
 * A processor whose batches are observed: every other call goes to the processor as it is.
 * Its Reader calls it from one thread at a time, as the processor's.
 */
final class ObservedEventsProcessor implements EventsProcessor {

	private final EventsProcessor processor;

	private final StreamName stream;

	private final BatchObservation batches;

	ObservedEventsProcessor(EventsProcessor processor, StreamName stream, BatchObservation batches) {
		this.processor = processor;
		this.stream = stream;
		this.batches = batches;
	}

	@Override
	public void processEvents(EntryHandler handler) {
		this.batches.run(this.stream, handler, this.processor::processEvents);
	}

	@Override
	public Cursor storedCursor() {
		return this.processor.storedCursor();
	}

	@Override
	public boolean allowsSkippingPoisonedEntries() {
		return this.processor.allowsSkippingPoisonedEntries();
	}

	@Override
	public boolean rollsBackOnFailure() {
		return this.processor.rollsBackOnFailure();
	}

	@Override
	public void reset() {
		this.processor.reset();
	}

	@Override
	public EventTypes eventTypes() {
		return this.processor.eventTypes();
	}

	@Override
	public Optional<SnapshotPerspective> snapshotPerspective() {
		return this.processor.snapshotPerspective();
	}

	@Override
	public Snapshot takeSnapshot() {
		return this.processor.takeSnapshot();
	}

	@Override
	public void installSnapshot(Snapshot snapshot) {
		this.processor.installSnapshot(snapshot);
	}

}
