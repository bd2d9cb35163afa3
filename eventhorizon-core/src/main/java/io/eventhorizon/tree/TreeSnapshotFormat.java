package io.eventhorizon.tree;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link InMemoryTreeProcessor} writes its snapshot: the feed position, every
 * stream's cursor and the subclass's state, so that a restart from the snapshot neither
 * walks the tree nor applies anything twice.
 * <p>
 * The layout: the format version (1, a byte); the position's text form, empty for none; the
 * number of streams, then each stream's name and version; the state's length and bytes.
 * Strings are Java's modified UTF-8.
 * <p>
 * Immutable and thread-safe.
 *
 * @param position the feed position, or {@code null}
 * @param cursors each stream's cursor
 * @param state the subclass's serialized state
 */
record TreeSnapshotFormat(@Nullable FeedPosition position, Map<StreamName, Cursor> cursors, byte[] state) {

	private static final byte VERSION = 1;

	byte[] write() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeUTF((this.position != null) ? this.position.toString() : "");
			out.writeInt(this.cursors.size());
			for (Cursor cursor : this.cursors.values()) {
				out.writeUTF(cursor.stream().toString());
				out.writeLong(cursor.version());
			}
			out.writeInt(this.state.length);
			out.write(this.state);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads a snapshot's data back.
	 * @param data the data
	 * @return the position, cursors and state
	 * @throws IllegalArgumentException if the data is not a tree snapshot of this format
	 */
	static TreeSnapshotFormat read(byte[] data) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
			byte version = in.readByte();
			if (version != VERSION) {
				throw new IllegalArgumentException(
						"Not a tree snapshot of format " + VERSION + ": its first byte is " + version);
			}
			String position = in.readUTF();
			int streams = in.readInt();
			Map<StreamName, Cursor> cursors = new LinkedHashMap<>();
			for (int index = 0; index < streams; index++) {
				StreamName stream = StreamName.of(in.readUTF());
				cursors.put(stream, stream.at(in.readLong()));
			}
			byte[] state = new byte[in.readInt()];
			in.readFully(state);
			if (in.available() > 0) {
				throw new IllegalArgumentException("A tree snapshot has " + in.available() + " bytes after its state");
			}
			return new TreeSnapshotFormat(position.isEmpty() ? null : FeedPosition.parse(position), cursors, state);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not a tree snapshot: its " + data.length + " bytes end too soon", ex);
		}
	}

}
