package io.eventhorizon.spring;

import java.util.Optional;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.tree.FeedPosition;
import io.eventhorizon.tree.TreeProcessor;

/**
 * A read model of a tree whose batches are observed: every other call goes to the
 * processor as it is. Thread-safe as the processor is.
 */
final class ObservedTreeProcessor implements TreeProcessor {

	private final TreeProcessor processor;

	private final BatchObservation batches;

	ObservedTreeProcessor(TreeProcessor processor, BatchObservation batches) {
		this.processor = processor;
		this.batches = batches;
	}

	@Override
	public void processEvents(StreamName stream, EntryHandler handler) {
		this.batches.run(stream, handler, (observed) -> this.processor.processEvents(stream, observed));
	}

	@Override
	public Cursor storedCursor(StreamName stream) {
		return this.processor.storedCursor(stream);
	}

	@Override
	public EventTypes eventTypes() {
		return this.processor.eventTypes();
	}

	@Override
	public Optional<FeedPosition> storedPosition() {
		return this.processor.storedPosition();
	}

	@Override
	public void storePosition(FeedPosition position) {
		this.processor.storePosition(position);
	}

	@Override
	public boolean rollsBackOnFailure() {
		return this.processor.rollsBackOnFailure();
	}

	@Override
	public boolean allowsSkippingPoisonedEntries() {
		return this.processor.allowsSkippingPoisonedEntries();
	}

	@Override
	public void reset() {
		this.processor.reset();
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
