package io.eventhorizon.inmemory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotSizeLimit;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;

/**
 * A {@link SnapshotStore} in memory, with the same semantics as the DynamoDB one: keyed by
 * stream and perspective, older never replacing newer, the same {@link SnapshotSizeLimit}.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemorySnapshotStore implements SnapshotStore {

	private final Map<Key, Snapshot> snapshots = new ConcurrentHashMap<>();

	private final SnapshotSizeLimit sizeLimit;

	/**
	 * Creates an empty store with the {@link SnapshotSizeLimit#DEFAULT default size limit}.
	 */
	public InMemorySnapshotStore() {
		this(SnapshotSizeLimit.DEFAULT);
	}

	/**
	 * Creates an empty store.
	 * @param sizeLimit the largest snapshot it accepts
	 */
	public InMemorySnapshotStore(SnapshotSizeLimit sizeLimit) {
		this.sizeLimit = Objects.requireNonNull(sizeLimit, "sizeLimit must not be null");
	}

	@Override
	public Optional<Snapshot> read(StreamName stream, SnapshotPerspective perspective) {
		return Optional.ofNullable(this.snapshots.get(new Key(stream, perspective)));
	}

	@Override
	public boolean write(Snapshot snapshot) {
		Objects.requireNonNull(snapshot, "snapshot must not be null");
		this.sizeLimit.check(snapshot);
		AtomicBoolean stored = new AtomicBoolean();
		this.snapshots.compute(new Key(snapshot.cursor().stream(), snapshot.perspective()), (key, existing) -> {
			boolean newer = existing == null || existing.cursor().isBefore(snapshot.cursor());
			stored.set(newer);
			return newer ? snapshot : existing;
		});
		return stored.get();
	}

	@Override
	public boolean delete(StreamName stream, SnapshotPerspective perspective) {
		return this.snapshots.remove(new Key(stream, perspective)) != null;
	}

	private record Key(StreamName stream, SnapshotPerspective perspective) {

		Key {
			Objects.requireNonNull(stream, "stream must not be null");
			Objects.requireNonNull(perspective, "perspective must not be null");
		}

	}

}
