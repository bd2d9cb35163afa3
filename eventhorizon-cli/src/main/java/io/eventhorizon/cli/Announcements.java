package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MetaEvents;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The children that a stream's meta entries announce ({@code $stream.ChildStreamCreated}),
 * read from an entry of the event log or from an item of the events table as it is stored.
 * <p>
 * Thread-safe: it has no state.
 */
final class Announcements {

	private static final EventLineCodec META = new EventLineCodec(EventTypes.builder().build());

	private Announcements() {
	}

	/**
	 * Returns the children an entry announces, as written; an entry of another kind than
	 * meta announces none.
	 * @param entry the entry
	 * @return the names of the children, in the order of the entry's lines
	 * @throws io.eventhorizon.event.MalformedEntryException if a meta entry cannot be read
	 */
	static List<String> in(LogEntry entry) {
		if (!entry.data().kind().equals(LogDataKind.META)) {
			return List.of();
		}
		List<String> children = new ArrayList<>();
		for (Event event : META.decode(entry).events()) {
			if (event.payload() instanceof MetaEvents.ChildStreamCreated created) {
				children.add(created.stream());
			}
		}
		return children;
	}

	/**
	 * Returns the children a stored item announces, as written. An item whose data is
	 * missing or cannot be read announces none: that is damage, which {@code verify}
	 * reports where it checks the item itself.
	 * @param stream the stream the item belongs to
	 * @param item the item, with its version and data
	 * @return the names of the children
	 */
	static List<String> inItem(StreamName stream, Map<String, AttributeValue> item) {
		AttributeValue data = item.get(EventItems.DATA);
		AttributeValue version = item.get(EventItems.VERSION);
		if (data == null || data.b() == null || version == null || version.n() == null) {
			return List.of();
		}
		try {
			return in(new LogEntry(stream.at(Long.parseLong(version.n())),
					LogData.fromStored(data.b().asByteArrayUnsafe())));
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

}
