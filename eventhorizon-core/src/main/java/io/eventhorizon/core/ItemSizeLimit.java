package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * DynamoDB's limit on one item, applied by every {@link EventLog} implementation so that
 * what is accepted in memory is also accepted by DynamoDB, and used by the DynamoDB
 * {@link SnapshotStore} to decide whether a snapshot is split across items.
 *
 * @since 0.1.0
 */
public final class ItemSizeLimit {

	/** 400 KB, DynamoDB's maximum item size, counting attribute names and values. */
	public static final int MAX_ITEM_BYTES = 400 * 1024;

	// A DynamoDB number takes at most 21 bytes.
	private static final int MAX_NUMBER_BYTES = 21;

	// The commit id attribute: its name and 16 bytes.
	private static final int COMMIT_ID_BYTES = 1 + 16;

	private ItemSizeLimit() {
	}

	/**
	 * Returns the size of the entry item {@code {s, v, d, i}}, plus {@code k} and
	 * {@code r} for a command record, that stores {@code data} at {@code target}, counting
	 * a version number at its largest.
	 * @param target where the entry goes
	 * @param data the entry's data
	 * @param command the record of the command that commits the entry, or {@code null}
	 * @return the item size in bytes
	 */
	public static long entryItemSize(Cursor target, LogData data, @Nullable CommandRecord command) {
		return "s".length() + utf8Length(target.stream().toString()) + "v".length() + MAX_NUMBER_BYTES + "d".length()
				+ data.storedSize() + COMMIT_ID_BYTES + commandRecordSize(command);
	}

	private static long commandRecordSize(@Nullable CommandRecord command) {
		if (command == null) {
			return 0;
		}
		String result = command.result();
		return "k".length() + utf8Length(command.key().value())
				+ ((result != null) ? "r".length() + utf8Length(result) : 0);
	}

	/**
	 * Returns the size of the snapshot item {@code {s, c, v, d}}, counting the version
	 * number at its largest.
	 * @param snapshot the snapshot
	 * @return the item size in bytes
	 */
	public static long snapshotItemSize(Snapshot snapshot) {
		return "s".length() + utf8Length(snapshot.cursor().stream().toString()) + "c".length()
				+ utf8Length(snapshot.perspective().toString()) + "v".length() + MAX_NUMBER_BYTES + "d".length() + 1
				+ snapshot.size();
	}

	/**
	 * Returns whether a snapshot fits into one item {@code {s, c, v, d}}; a larger one is
	 * stored split across items (see {@link SnapshotSizeLimit}).
	 * @param snapshot the snapshot
	 * @return whether its item would be at most {@link #MAX_ITEM_BYTES}
	 */
	public static boolean snapshotFitsOneItem(Snapshot snapshot) {
		return snapshotItemSize(snapshot) <= MAX_ITEM_BYTES;
	}

	/**
	 * Refuses a commit whose item, with the command record, would be over
	 * {@link #MAX_ITEM_BYTES}.
	 * @param target where the entry goes
	 * @param data the entry's data
	 * @param command the record of the command that commits the entry, or {@code null}
	 * @throws CommitTooLargeException if the item would be too large
	 */
	public static void checkEntry(Cursor target, LogData data, @Nullable CommandRecord command) {
		long size = entryItemSize(target, data, command);
		if (size > MAX_ITEM_BYTES) {
			throw new CommitTooLargeException(target, size, MAX_ITEM_BYTES);
		}
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
