package io.eventhorizon.client;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys of a stream's newest entries, as a Reader has seen them: the window
 * is the last {@code window} versions before the processor's cursor. Entries a Reader has
 * not seen (before a snapshot or a stored cursor it started from, or skipped over when
 * another instance moved the cursor) are read back once, when a key is first looked up.
 * <p>
 * Not thread-safe: guarded by the Reader's lock.
 */
final class RecentCommands {

	private final int window;

	private final NavigableMap<Long, IdempotencyKey> keysByVersion = new TreeMap<>();

	private final Map<IdempotencyKey, Seen> records = new HashMap<>();

	// Every entry from seenFrom through lastSeen was seen; lastSeen < seenFrom means none.
	private long seenFrom;

	private long lastSeen = Long.MIN_VALUE;

	RecentCommands(int window) {
		this.window = window;
	}

	/**
	 * Tells where the processor is: when it is not right after the last entry seen, what
	 * was seen no longer joins up with what comes next.
	 */
	void continueFrom(Cursor cursor) {
		if (cursor.version() != this.lastSeen) {
			restartAfter(cursor.version());
		}
	}

	void seen(LogEntry entry) {
		long version = entry.cursor().version();
		if (version != this.lastSeen + 1) {
			restartAfter(version - 1);
		}
		this.lastSeen = version;
		CommandRecord command = entry.command();
		if (command != null) {
			remember(version, command);
		}
		forgetBefore(windowStart());
	}

	/**
	 * Returns the record of the command with the key among the window's entries, reading
	 * back the window's entries not seen yet.
	 */
	@Nullable CommandRecord find(IdempotencyKey key, EventLog eventLog, Cursor processorCursor) {
		continueFrom(processorCursor);
		long windowStart = windowStart();
		if (this.seenFrom > windowStart) {
			readBack(eventLog, processorCursor.stream().at(windowStart - 1), this.seenFrom - 1);
			this.seenFrom = windowStart;
		}
		Seen seen = this.records.get(key);
		return (seen != null) ? seen.command() : null;
	}

	private void readBack(EventLog eventLog, Cursor after, long through) {
		Cursor cursor = after;
		boolean more = true;
		while (more && cursor.version() < through) {
			ReadResult page = eventLog.read(cursor);
			for (LogEntry entry : page.entries()) {
				if (entry.cursor().version() > through) {
					return;
				}
				CommandRecord command = entry.command();
				if (command != null) {
					remember(entry.cursor().version(), command);
				}
			}
			cursor = page.lastEntry();
			more = page.more();
		}
	}

	private long windowStart() {
		return Math.max(0, this.lastSeen - this.window + 1);
	}

	// A key found twice (a repeat older than the window) answers with its newest entry.
	private void remember(long version, CommandRecord command) {
		this.keysByVersion.put(version, command.key());
		this.records.merge(command.key(), new Seen(version, command),
				(present, candidate) -> (candidate.version() > present.version()) ? candidate : present);
	}

	private void forgetBefore(long version) {
		Map<Long, IdempotencyKey> old = this.keysByVersion.headMap(version);
		old.forEach((oldVersion, key) -> this.records.computeIfPresent(key,
				(present, seen) -> (seen.version() == oldVersion) ? null : seen));
		old.clear();
	}

	private void restartAfter(long version) {
		this.keysByVersion.clear();
		this.records.clear();
		this.seenFrom = version + 1;
		this.lastSeen = version;
	}

	private record Seen(long version, CommandRecord command) {
	}

}
