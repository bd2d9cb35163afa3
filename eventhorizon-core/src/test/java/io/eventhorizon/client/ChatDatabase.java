package io.eventhorizon.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.eventhorizon.client.ChatRoom.ChatMessage;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventTypes;

/**
 * A stand-in for a relational read model: messages and the cursor live in one "database"
 * with all-or-nothing transactions, shared by any number of processor instances (as several
 * application instances share one database).
 */
final class ChatDatabase {

	private Cursor cursor;

	private List<String> messages = new ArrayList<>();

	private volatile Predicate<String> rejects = (message) -> false;

	ChatDatabase(StreamName stream) {
		this.cursor = stream.beginning();
	}

	synchronized List<String> messages() {
		return List.copyOf(this.messages);
	}

	synchronized Cursor cursor() {
		return this.cursor;
	}

	void rejectMessages(Predicate<String> rejects) {
		this.rejects = rejects;
	}

	/** A processor instance backed by this database. */
	EventsProcessor newProcessor() {
		return new EventsProcessor() {

			@Override
			public void processEvents(EntryHandler handler) {
				synchronized (ChatDatabase.this) {
					// BEGIN: work on a copy, swap it in on COMMIT, drop it on ROLLBACK.
					List<String> transaction = new ArrayList<>(ChatDatabase.this.messages);
					Cursor[] committed = { ChatDatabase.this.cursor };
					handler.handle(ChatDatabase.this.cursor, (event) -> apply(transaction, event),
							(cursor) -> committed[0] = cursor);
					ChatDatabase.this.messages = transaction;
					ChatDatabase.this.cursor = committed[0];
				}
			}

			@Override
			public boolean rollsBackOnFailure() {
				return true;
			}

			@Override
			public EventTypes eventTypes() {
				return ChatRoom.TYPES;
			}

		};
	}

	private void apply(List<String> transaction, Event event) {
		if (event.payload() instanceof ChatMessage message) {
			if (this.rejects.test(message.message())) {
				throw new IllegalArgumentException("Cannot store message \"" + message.message() + "\"");
			}
			transaction.add(message.message());
		}
	}

}
