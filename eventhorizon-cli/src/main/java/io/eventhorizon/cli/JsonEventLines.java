package io.eventhorizon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.LogTime;
import io.eventhorizon.event.MalformedEventLineException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events given by an operator as JSON lines, {@code {"type":..., "payload":{...}}} with an
 * optional {@code "time"} (RFC 3339) and {@code "user"}, turned into the data of one entry in
 * the library's event-line format. Every line is checked before any is used, so that a bad
 * line leaves nothing half-appended; each line written is read back with the library's
 * {@link EventLineCodec}, so that nothing is written the library could not read.
 * <p>
 * Thread-safe: it keeps no state between calls.
 */
final class JsonEventLines {

	private static final int MAX_SHOWN = 200;

	private static final Set<String> FIELDS = Set.of("type", "payload", "time", "user");

	// Stored as the operator gave it, every digit.
	private final JsonMapper mapper = EventLineCodec.lineFormatMapper(ExactNumbers.mapperBuilder());

	// No type is registered: every line reads as an unknown type, its payload checked as JSON only.
	private final EventLineCodec codec = new EventLineCodec(EventTypes.builder().build(), this.mapper);

	private final Instant now;

	/**
	 * Creates the reader of one batch of events.
	 * @param now the time of the events that give none
	 */
	JsonEventLines(Instant now) {
		this.now = now;
	}

	/**
	 * Reads the events, one JSON object per line (blank lines skipped), as one entry.
	 * @param input the JSON lines, UTF-8
	 * @param source where they come from, to name in errors (a file name or stdin)
	 * @return the entry's data, kind {@link LogDataKind#DATA}
	 * @throws IllegalArgumentException if a line is bad (naming its number and the bad
	 * value), or there is no event at all
	 */
	LogData read(InputStream input, String source) {
		List<String> eventLines = new ArrayList<>();
		int number = 0;
		// A decoder that reports bad bytes, where a reader's default would store them replaced unseen.
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (!line.isBlank()) {
					eventLines.add(eventLine(number, line));
				}
			}
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException(
					"Line " + (number + 1) + " of " + source + " is not UTF-8; nothing was appended", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + source + ": " + ex.getMessage(), ex);
		}
		if (eventLines.isEmpty()) {
			throw new IllegalArgumentException("No events in " + source + ": nothing was appended");
		}
		return LogData.ofLines(LogDataKind.DATA, eventLines);
	}

	private String eventLine(int number, String line) {
		JsonNode event;
		try {
			event = this.mapper.readTree(line);
		}
		catch (JacksonException ex) {
			throw bad(number, "is not JSON (" + ex.getOriginalMessage() + ")", line);
		}
		if (event == null || !event.isObject()) {
			throw bad(number, "is not a JSON object", line);
		}
		for (String field : event.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw bad(number, "has the field " + quoted(field) + ", not one of type, payload, time, user",
						line);
			}
		}
		JsonNode type = event.get("type");
		if (type == null || !type.isString() || type.asString().isEmpty()) {
			throw bad(number, "has no \"type\" (a non-empty string)", line);
		}
		if (type.asString().startsWith("$")) {
			throw bad(number, "has the type " + quoted(type.asString())
					+ ": types starting with '$' are the library's own", line);
		}
		JsonNode payload = event.get("payload");
		if (payload == null || !payload.isObject()) {
			throw bad(number, "has no \"payload\" object", line);
		}
		Map<String, String> header = new LinkedHashMap<>();
		header.put("_", type.asString());
		header.put("t", LogTime.format(time(number, event.get("time"), line)));
		JsonNode user = event.get("user");
		if (user != null && !user.isNull()) {
			if (!user.isString() || user.asString().isEmpty()) {
				throw bad(number, "has the user " + user + ", not a non-empty string", line);
			}
			header.put("u", user.asString());
		}
		String eventLine = this.mapper.writeValueAsString(header) + " " + this.mapper.writeValueAsString(payload);
		try {
			this.codec.decodeLine(eventLine);
		}
		catch (MalformedEventLineException ex) {
			throw bad(number, "would be stored as a line the library cannot read (" + ex.getMessage() + ")", line);
		}
		return eventLine;
	}

	private Instant time(int number, JsonNode time, String line) {
		if (time == null || time.isNull()) {
			return this.now;
		}
		try {
			if (!time.isString()) {
				throw new IllegalArgumentException("not a string");
			}
			return LogTime.parse(time.asString());
		}
		catch (IllegalArgumentException ex) {
			throw bad(number, "has the time " + time + ", not an RFC 3339 time such as 2026-01-31T12:00:00Z", line);
		}
	}

	// JSON's quoting shows control characters escaped rather than garbling the terminal.
	private String quoted(String value) {
		return this.mapper.writeValueAsString(value);
	}

	private static IllegalArgumentException bad(int number, String problem, String line) {
		String shown = (line.length() > MAX_SHOWN) ? line.substring(0, MAX_SHOWN) + "..." : line;
		return new IllegalArgumentException("Line " + number + " " + problem + ": " + shown + "; nothing was appended");
	}

}
