package io.eventhorizon.client;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * The Go project's test read model: a chat room that prints its log.
 */
class ChatRoom extends InMemoryProcessor {

	static final StreamName OFFTOPIC = StreamName.of("/chatrooms/offtopic");

	static final EventTypes TYPES = EventTypes.of(ChatMessage.class);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	private final List<String> chatLog = new CopyOnWriteArrayList<>();

	private final boolean includeSequenceNumbers;

	ChatRoom(StreamName stream) {
		super(stream);
		this.includeSequenceNumbers = false;
	}

	ChatRoom(StreamName stream, boolean includeSequenceNumbers) {
		super(stream);
		this.includeSequenceNumbers = includeSequenceNumbers;
	}

	ChatRoom(StreamName stream, SnapshotPerspective perspective) {
		super(stream, perspective);
		this.includeSequenceNumbers = false;
	}

	@Override
	public EventTypes eventTypes() {
		return TYPES;
	}

	@Override
	protected void apply(Event event) {
		if (event.payload() instanceof ChatMessage message) {
			this.chatLog.add(CLOCK.format(event.meta().time())
					+ (this.includeSequenceNumbers ? " " + message.id() : "") + " "
					+ event.meta().userId().orElse("system") + ": " + message.message());
		}
	}

	String printChatLog() {
		return String.join("\n", this.chatLog);
	}

	int messageCount() {
		return this.chatLog.size();
	}

	@Override
	protected void clearState() {
		this.chatLog.clear();
	}

	@Override
	protected byte[] snapshotState() {
		return String.join("\n", this.chatLog).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void restoreState(byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		this.chatLog.clear();
		if (!text.isEmpty()) {
			this.chatLog.addAll(Arrays.asList(text.split("\n")));
		}
	}

	@EventType("chat.Message")
	record ChatMessage(int id, String message) {
	}

}
