package io.eventhorizon.client;

import java.util.List;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.event.DecodedEntry;

/**
 * Tells several listeners, in order. Immutable and thread-safe when the listeners are.
 */
final class CompositeReaderListener implements ReaderListener {

	private final List<ReaderListener> listeners;

	CompositeReaderListener(List<ReaderListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void entryProcessed(DecodedEntry entry) {
		this.listeners.forEach((listener) -> listener.entryProcessed(entry));
	}

	@Override
	public void eventTypeSkipped(String type, Cursor at) {
		this.listeners.forEach((listener) -> listener.eventTypeSkipped(type, at));
	}

	@Override
	public void entryKindSkipped(LogDataKind kind, Cursor at) {
		this.listeners.forEach((listener) -> listener.entryKindSkipped(kind, at));
	}

	@Override
	public void entryPoisoned(Cursor at, RuntimeException failure) {
		this.listeners.forEach((listener) -> listener.entryPoisoned(at, failure));
	}

	@Override
	public void loadFailed(RuntimeException failure) {
		this.listeners.forEach((listener) -> listener.loadFailed(failure));
	}

	@Override
	public void realtimeReached(Cursor cursor) {
		this.listeners.forEach((listener) -> listener.realtimeReached(cursor));
	}

	@Override
	public void cursorRediscovered(ProcessorCursorMismatchException mismatch) {
		this.listeners.forEach((listener) -> listener.cursorRediscovered(mismatch));
	}

	@Override
	public void conflict(int attempt, OptimisticLockingException conflict) {
		this.listeners.forEach((listener) -> listener.conflict(attempt, conflict));
	}

	@Override
	public void snapshotInstalled(Snapshot snapshot) {
		this.listeners.forEach((listener) -> listener.snapshotInstalled(snapshot));
	}

	@Override
	public void snapshotStored(Snapshot snapshot, boolean stored) {
		this.listeners.forEach((listener) -> listener.snapshotStored(snapshot, stored));
	}

	@Override
	public void snapshotFailed(String operation, RuntimeException failure) {
		this.listeners.forEach((listener) -> listener.snapshotFailed(operation, failure));
	}

}
