package io.eventhorizon.core;

import java.util.Optional;

/**
 * Stores the newest snapshot per stream and perspective. An older snapshot never replaces
 * a newer one, so several instances may store snapshots of the same read model at once.
 * A snapshot is read whole or not at all: a half-written one is never returned.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface SnapshotStore {

	/**
	 * Reads the snapshot of a stream from a perspective.
	 * @param stream the stream
	 * @param perspective whose snapshot
	 * @return the snapshot, or empty when there is none
	 */
	Optional<Snapshot> read(StreamName stream, SnapshotPerspective perspective);

	/**
	 * Stores a snapshot unless one at the same or a later cursor is stored already.
	 * @param snapshot the snapshot
	 * @return whether it was stored; {@code false} when a newer one is kept
	 * @throws SnapshotTooLargeException if the snapshot exceeds the store's
	 * {@link SnapshotSizeLimit}; nothing is stored then
	 */
	boolean write(Snapshot snapshot);

	/**
	 * Deletes the snapshot of a stream from a perspective.
	 * @param stream the stream
	 * @param perspective whose snapshot
	 * @return whether there was one
	 */
	boolean delete(StreamName stream, SnapshotPerspective perspective);

}
