package io.eventhorizon.client;

import java.util.List;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.event.DecodedEntry;

/**
 * Observes what a {@link Reader} does, for metrics and tests. Every method does nothing by
 * default. Called on the thread doing the work (snapshot stores on the snapshot
 * executor); implementations must be thread-safe and quick.
 *
 * @since 0.1.0
 */
public interface ReaderListener {

	/** A listener that ignores everything. */
	ReaderListener NONE = new ReaderListener() {
	};

	/**
	 * Returns a listener that tells each of {@code listeners}, in order.
	 * @param listeners the listeners
	 * @return one listener for all
	 */
	static ReaderListener composite(List<ReaderListener> listeners) {
		List<ReaderListener> all = List.copyOf(listeners);
		if (all.isEmpty()) {
			return NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return new CompositeReaderListener(all);
	}

	/**
	 * An entry was processed and its cursor committed.
	 * @param entry the entry as decoded
	 */
	default void entryProcessed(DecodedEntry entry) {
	}

	/**
	 * An event of a type the processor does not know was skipped.
	 * @param type the stored type name
	 * @param at the entry
	 */
	default void eventTypeSkipped(String type, Cursor at) {
	}

	/**
	 * An entry of a kind the Reader cannot read was skipped (its cursor still committed).
	 * @param kind the kind
	 * @param at the entry
	 */
	default void entryKindSkipped(LogDataKind kind, Cursor at) {
	}

	/**
	 * The processor failed to apply an entry and it was skipped ({@link PoisonPolicy#SKIP}).
	 * @param at the entry
	 * @param failure what the processor threw
	 */
	default void entryPoisoned(Cursor at, RuntimeException failure) {
	}

	/**
	 * A load failed (the event log, the processor or a malformed entry); the processor stays
	 * before the entry that failed.
	 * @param failure what went wrong
	 */
	default void loadFailed(RuntimeException failure) {
	}

	/**
	 * The processor reached the head of its stream.
	 * @param cursor the processor's cursor
	 */
	default void realtimeReached(Cursor cursor) {
	}

	/**
	 * The processor's stored cursor was discovered again after a mismatch.
	 * @param mismatch what the Reader expected and what the processor had
	 */
	default void cursorRediscovered(ProcessorCursorMismatchException mismatch) {
	}

	/**
	 * An attempt of transactWrite lost an optimistic-locking race.
	 * @param attempt the attempt, from 1
	 * @param conflict the conflict
	 */
	default void conflict(int attempt, OptimisticLockingException conflict) {
	}

	/**
	 * A snapshot was installed in the processor.
	 * @param snapshot the snapshot
	 */
	default void snapshotInstalled(Snapshot snapshot) {
	}

	/**
	 * A snapshot was stored (or a newer one was there already).
	 * @param snapshot the snapshot
	 * @param stored whether this one was stored
	 */
	default void snapshotStored(Snapshot snapshot, boolean stored) {
	}

	/**
	 * Loading, taking or storing a snapshot failed; the processor goes on without.
	 * @param operation {@code load}, {@code take} or {@code store}
	 * @param failure what went wrong
	 */
	default void snapshotFailed(String operation, RuntimeException failure) {
	}

}
