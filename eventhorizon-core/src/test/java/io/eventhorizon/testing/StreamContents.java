package io.eventhorizon.testing;

import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;

/**
 * Reads a whole stream, for assertions on what was stored.
 */
public final class StreamContents {

	private StreamContents() {
	}

	/**
	 * Returns every entry of a stream, in order, reading page after page.
	 * @param log the event log
	 * @param stream the stream
	 * @return the entries
	 */
	public static List<LogEntry> entries(EventLog log, StreamName stream) {
		List<LogEntry> entries = new ArrayList<>();
		Cursor after = stream.beginning();
		ReadResult page;
		do {
			page = log.read(after);
			entries.addAll(page.entries());
			after = page.lastEntry();
		}
		while (page.more());
		return entries;
	}

	/**
	 * Returns the versions of every entry in a stream, in order.
	 * @param log the event log
	 * @param stream the stream
	 * @return the versions
	 */
	public static List<Long> versions(EventLog log, StreamName stream) {
		return entries(log, stream).stream().map((entry) -> entry.cursor().version()).toList();
	}

	/**
	 * Returns the payloads of every event in a stream, in order.
	 * @param log the event log
	 * @param codec the codec that knows the payload classes
	 * @param stream the stream
	 * @return the payloads
	 */
	public static List<Object> payloads(EventLog log, EventLineCodec codec, StreamName stream) {
		return entries(log, stream).stream()
			.flatMap((entry) -> codec.decode(entry).events().stream())
			.map(Event::payload)
			.toList();
	}

}
