package io.eventhorizon.tree;

import java.util.List;
import java.util.stream.IntStream;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;

/**
 * The writers of the chat: they open rooms and threads and say numbered things in them.
 */
final class Chat {

	private static final EventLineCodec CODEC = new EventLineCodec(ChatTree.TYPES);

	private final EventLog log;

	Chat(EventLog log) {
		this.log = log;
	}

	static StreamName room(String name) {
		return ChatTree.CHAT.child(name);
	}

	StreamName open(StreamName room) {
		this.log.createStream(room);
		return room;
	}

	/**
	 * Says message {@code number} in a room; the room's entry {@code @number} holds it when
	 * every message is said once, in order.
	 */
	Cursor say(StreamName room, int number) {
		return this.log.append(room, CODEC.encode(List.of(Event.of(new ChatTree.Said(number, "message " + number),
				EventMeta.of(java.time.Instant.EPOCH, "ann")))));
	}

	void sayUpTo(StreamName room, int last) {
		for (int number = 1; number <= last; number++) {
			say(room, number);
		}
	}

	static List<Integer> upTo(int last) {
		return IntStream.rangeClosed(1, last).boxed().toList();
	}

}
