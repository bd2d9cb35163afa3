package io.eventhorizon.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A read model's state at a cursor, serialized by the read model, so that a restart reads
 * only the entries after the cursor instead of the whole stream.
 * <p>
 * Immutable (the bytes are copied in and out) and thread-safe.
 *
 * @since 0.1.0
 */
public final class Snapshot {

	private final Cursor cursor;

	private final SnapshotPerspective perspective;

	private final byte[] data;

	private Snapshot(Cursor cursor, SnapshotPerspective perspective, byte[] data) {
		this.cursor = cursor;
		this.perspective = perspective;
		this.data = data;
	}

	/**
	 * Returns a snapshot.
	 * @param cursor the cursor the state includes everything up to
	 * @param perspective whose state it is
	 * @param data the serialized state
	 * @return the snapshot
	 */
	public static Snapshot of(Cursor cursor, SnapshotPerspective perspective, byte[] data) {
		Objects.requireNonNull(cursor, "cursor must not be null");
		Objects.requireNonNull(perspective, "perspective must not be null");
		Objects.requireNonNull(data, "data must not be null");
		if (cursor.isBeginning()) {
			throw new InvalidCursorException(cursor.toString(), "a snapshot needs a cursor at an entry, not the beginning");
		}
		return new Snapshot(cursor, perspective, data.clone());
	}

	/**
	 * Returns the cursor the state includes everything up to.
	 * @return the cursor
	 */
	public Cursor cursor() {
		return this.cursor;
	}

	/**
	 * Returns whose state this is.
	 * @return the perspective
	 */
	public SnapshotPerspective perspective() {
		return this.perspective;
	}

	/**
	 * Returns a copy of the serialized state.
	 * @return the data
	 */
	public byte[] data() {
		return this.data.clone();
	}

	/**
	 * Returns the size of the serialized state in bytes.
	 * @return the data size
	 */
	public int size() {
		return this.data.length;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof Snapshot that && this.cursor.equals(that.cursor)
				&& this.perspective.equals(that.perspective) && Arrays.equals(this.data, that.data));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.cursor, this.perspective, Arrays.hashCode(this.data));
	}

	@Override
	public String toString() {
		return "Snapshot[" + this.cursor + ", " + this.perspective + ", " + this.data.length + " bytes]";
	}

}
