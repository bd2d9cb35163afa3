package io.eventhorizon.tree;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.Latches;

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

	/**
	 * Says two numbered things in one entry.
	 */
	Cursor sayTwoAtOnce(StreamName room, int first, String secondText) {
		return this.log.append(room, CODEC.encode(List.of(
				Event.of(new ChatTree.Said(first, "message " + first), EventMeta.of(java.time.Instant.EPOCH, "ann")),
				Event.of(new ChatTree.Said(first + 1, secondText), EventMeta.of(java.time.Instant.EPOCH, "ann")))));
	}

	/**
	 * Opens the writer's room and a thread in it and says {@code 1..messages} in both,
	 * calling {@code afterEachMessage} (a test moves its clock there); after half was said,
	 * counts {@code halfSaid} down and waits for {@code goOn}.
	 */
	void talkInOwnRoomAndThread(String writer, int messages, CountDownLatch halfSaid, CountDownLatch goOn,
			Runnable afterEachMessage) {
		StreamName room = open(room(writer));
		StreamName thread = open(room.child("thread"));
		for (int number = 1; number <= messages; number++) {
			if (number == messages / 2 + 1) {
				halfSaid.countDown();
				Latches.await(goOn);
			}
			say(room, number);
			say(thread, number);
			afterEachMessage.run();
		}
	}

	void sayUpTo(StreamName room, int last) {
		for (int number = 1; number <= last; number++) {
			say(room, number);
		}
	}

	/**
	 * Returns rooms whose feed records share one partition, so that one's records move the
	 * partition's frontier past the other's.
	 */
	static List<StreamName> roomsInOnePartition(int count) {
		List<StreamName> rooms = new java.util.ArrayList<>();
		for (int index = 0; rooms.size() < count; index++) {
			StreamName room = room("room-" + index);
			if (ChangeFeed.partitionOf(room) == 0) {
				rooms.add(room);
			}
		}
		return rooms;
	}

	static List<Integer> upTo(int last) {
		return IntStream.rangeClosed(1, last).boxed().toList();
	}

}
