package io.eventhorizon.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * A read model of every chat room (and every thread of a room) below {@code /chat}: it
 * keeps what was said, in the order it was applied.
 */
class ChatTree extends InMemoryTreeProcessor {

	static final StreamName CHAT = StreamName.of("/chat");

	static final EventTypes TYPES = EventTypes.of(Said.class);

	private final List<String> said = new CopyOnWriteArrayList<>();

	ChatTree() {
		super(CHAT);
	}

	ChatTree(SnapshotPerspective perspective) {
		super(CHAT, perspective);
	}

	@Override
	public EventTypes eventTypes() {
		return TYPES;
	}

	@Override
	protected void apply(StreamName stream, Event event) {
		if (event.payload() instanceof Said message) {
			this.said.add(stream + " #" + message.number() + " " + message.text());
		}
	}

	/**
	 * Returns everything said, in the order it was applied.
	 */
	List<String> said() {
		return List.copyOf(this.said);
	}

	/**
	 * Returns the message numbers applied per room, in the order they were applied.
	 */
	Map<String, List<Integer>> numbersByRoom() {
		Map<String, List<Integer>> numbers = new TreeMap<>();
		for (String line : this.said) {
			String room = line.substring(0, line.indexOf(' '));
			int number = Integer.parseInt(line.substring(line.indexOf('#') + 1, line.indexOf(' ', line.indexOf('#'))));
			numbers.computeIfAbsent(room, (key) -> new ArrayList<>()).add(number);
		}
		return numbers;
	}

	@Override
	protected void clearState() {
		this.said.clear();
	}

	@Override
	protected byte[] snapshotState() {
		return String.join("\n", this.said).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void restoreState(byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		this.said.clear();
		if (!text.isEmpty()) {
			this.said.addAll(Arrays.asList(text.split("\n")));
		}
	}

	@EventType("chat.Said")
	record Said(int number, String text) {
	}

}
