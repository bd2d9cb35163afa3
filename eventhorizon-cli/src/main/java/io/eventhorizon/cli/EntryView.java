package io.eventhorizon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.event.DecodedLine;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.LogTime;
import io.eventhorizon.event.MalformedEventLineException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;

/**
 * Prints entries of the event log as {@code read} and {@code tail} show them: for each
 * entry its cursor and kind, and for each of its lines the type, time, user and payload.
 * Meta entries are marked; an entry of a kind this command cannot read is shown with its
 * size only, and a line that does not decode as broken, with its text. Nothing in an
 * entry makes it fail.
 * <p>
 * Not thread-safe: one command prints through it.
 */
final class EntryView {

	// With no types registered, a line's metadata is checked and its payload left alone.
	private static final EventLineCodec LINES = new EventLineCodec(EventTypes.builder().build());

	// A payload is shown as it is stored, every digit.
	private static final ObjectReader DOCUMENTS = ExactNumbers.mapperBuilder().build().readerFor(JsonNode.class);

	private final Output output;

	EntryView(Output output) {
		this.output = output;
	}

	/**
	 * Prints an entry, as JSON or for people as the output says, and flushes the output.
	 * @param entry the entry
	 */
	void print(LogEntry entry) {
		if (this.output.json()) {
			this.output.printJson(json(entry));
		}
		else {
			printForPeople(entry);
		}
		this.output.out().flush();
	}

	private Map<String, @Nullable Object> json(LogEntry entry) {
		LogData data = entry.data();
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put("cursor", entry.cursor().toString());
		document.put("kind", data.kind().code());
		if (!isReadable(data)) {
			document.put("events", null);
			document.put("bytes", data.payload().length);
			return document;
		}
		List<Map<String, @Nullable Object>> events = new ArrayList<>();
		for (String text : lines(data)) {
			Map<String, @Nullable Object> event = new LinkedHashMap<>();
			try {
				Line line = decode(text);
				event.put("type", line.decoded().type());
				event.put("time", LogTime.format(line.decoded().meta().time()));
				event.put("user", line.decoded().meta().userId().orElse(null));
				event.put("payload", line.payload());
			}
			catch (BrokenLineException ex) {
				event.put("broken", text);
				event.put("reason", ex.getMessage());
			}
			events.add(event);
		}
		document.put("events", events);
		return document;
	}

	private void printForPeople(LogEntry entry) {
		LogData data = entry.data();
		String cursor = this.output.styled("yellow", entry.cursor().toString());
		if (!isReadable(data)) {
			this.output.out().println(cursor + "  " + this.output.styled("red",
					"kind " + data.kind().code() + ", " + data.payload().length + " bytes, not decoded"));
			return;
		}
		boolean meta = data.kind().equals(LogDataKind.META);
		this.output.out().println(cursor + "  " + (meta ? this.output.styled("faint", "meta") : "data"));
		for (String text : lines(data)) {
			try {
				Line line = decode(text);
				String user = line.decoded().meta().userId().orElse("system");
				String shown = line.decoded().type() + "  " + LogTime.format(line.decoded().meta().time()) + "  "
						+ user + "  " + line.payload();
				this.output.out().println("  " + (meta ? this.output.styled("faint", shown) : shown));
			}
			catch (BrokenLineException ex) {
				this.output.out().println("  " + this.output.styled("red", "broken line (" + ex.getMessage() + "): ")
						+ text);
			}
		}
	}

	// Plaintext lines start with '{'; any other first byte is a compression header this
	// command does not know.
	private static boolean isReadable(LogData data) {
		return data.kind().isPlaintext() && data.payloadText().startsWith("{");
	}

	private static String[] lines(LogData data) {
		return data.payloadText().split("\n", -1);
	}

	private static Line decode(String text) {
		DecodedLine decoded;
		try {
			decoded = LINES.decodeLine(text);
		}
		catch (MalformedEventLineException ex) {
			// Its message ends with the line, which the view shows in full anyway.
			String message = String.valueOf(ex.getMessage());
			int line = message.indexOf(" in event line: ");
			throw new BrokenLineException((line >= 0) ? message.substring(0, line) : message);
		}
		// The codec has checked the line: metadata, one space, then the payload as stored.
		try (MappingIterator<JsonNode> documents = DOCUMENTS.readValues(text)) {
			documents.next();
			return new Line(decoded, documents.next());
		}
		catch (JacksonException | NoSuchElementException ex) {
			throw new BrokenLineException(ex.getMessage());
		}
	}

	private record Line(DecodedLine decoded, JsonNode payload) {
	}

	private static final class BrokenLineException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BrokenLineException(@Nullable String reason) {
			super(reason);
		}

	}

}
