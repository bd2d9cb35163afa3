package io.eventhorizon.event;

import java.util.List;
import java.util.Objects;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogDataKind;

/**
 * The events of one entry as read. Events of unregistered types are left out and their
 * type names listed, and an entry of an unknown kind has no events at all: readers skip
 * both but still advance past the entry.
 *
 * Immutable and thread-safe as long as the payloads are.
 *
 * @param cursor where the entry is
 * @param kind the entry's kind
 * @param events the events of registered types, in order
 * @param skippedTypes the type names of the events left out, in order
 * @param lines the line of each of {@code events} in the entry, from 0, counting the lines of
 * events left out: the same for every version of a reader, whichever types it knows
 * @since 0.1.0
 */
public record DecodedEntry(Cursor cursor, LogDataKind kind, List<Event> events, List<String> skippedTypes,
		List<Integer> lines) {

	public DecodedEntry {
		Objects.requireNonNull(cursor, "cursor must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		events = List.copyOf(events);
		skippedTypes = List.copyOf(skippedTypes);
		lines = List.copyOf(lines);
		if (lines.size() != events.size()) {
			throw new IllegalArgumentException("One line per event: " + events.size() + " events, " + lines.size()
					+ " lines");
		}
	}

	/**
	 * The events of an entry none of whose lines were left out.
	 * @param cursor where the entry is
	 * @param kind the entry's kind
	 * @param events the events, in order
	 * @param skippedTypes the type names of the events left out, in order (after the events)
	 */
	public DecodedEntry(Cursor cursor, LogDataKind kind, List<Event> events, List<String> skippedTypes) {
		this(cursor, kind, events, skippedTypes, java.util.stream.IntStream.range(0, events.size()).boxed().toList());
	}

	/**
	 * Whether the entry is of a kind this library cannot read (such as encrypted data).
	 * @return whether the kind is unknown
	 */
	public boolean isUnknownKind() {
		return !this.kind.isPlaintext();
	}

}
