package io.eventhorizon.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes events in the Go project's line format: two JSON documents separated
 * by one space, the metadata and the payload.
 *
 * <pre>
 * {"_":"credential.Created","t":"2020-08-20T08:55:00.123Z","u":"u987"} {"Id":"123"}
 * </pre>
 *
 * {@code _} is the type name, {@code t} the logical time, {@code tr} the time of
 * recording (only when it differs) and {@code u} the user (left out for the system). The
 * lines of one entry are joined by {@code \n}. Unknown payload fields are ignored and
 * unknown types are reported, not failed, so that old readers survive new writers.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EventLineCodec {

	private final EventTypes types;

	private final JsonMapper mapper;

	/**
	 * Creates a codec with a JSON mapper configured for the line format.
	 * @param types the registered event types
	 */
	public EventLineCodec(EventTypes types) {
		this(types, defaultMapper());
	}

	/**
	 * Creates a codec with the given JSON mapper for payloads (the metadata is always
	 * written in the fixed format).
	 * @param types the registered event types
	 * @param mapper the mapper for payloads
	 */
	public EventLineCodec(EventTypes types, JsonMapper mapper) {
		this.types = Objects.requireNonNull(types, "types must not be null");
		this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
	}

	/**
	 * Returns a mapper that ignores unknown payload fields, keeps declaration order and
	 * rejects trailing garbage after a payload.
	 * @return a new mapper
	 */
	public static JsonMapper defaultMapper() {
		return forLineFormat(JsonMapper.builder());
	}

	/**
	 * Returns a copy of an application's mapper (with its modules and naming) adjusted to
	 * the line format: unknown fields ignored, trailing garbage rejected, declaration order
	 * kept, one line per document.
	 * @param applicationMapper the application's mapper
	 * @return the adjusted copy
	 */
	public static JsonMapper lineFormatMapper(JsonMapper applicationMapper) {
		return forLineFormat(applicationMapper.rebuild());
	}

	private static JsonMapper forLineFormat(JsonMapper.Builder builder) {
		return builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(SerializationFeature.INDENT_OUTPUT)
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.build();
	}

	/**
	 * Returns the registered event types.
	 * @return the registry
	 */
	public EventTypes types() {
		return this.types;
	}

	/**
	 * Writes one event as a line.
	 * @param event the event
	 * @return the line, without a line break
	 * @throws UnregisteredEventTypeException if the payload class is not registered
	 * @throws EventSerializationException if the payload cannot be written as JSON
	 */
	public String encodeLine(Event event) {
		String type = this.types.nameOf(event.payload().getClass());
		EventMeta meta = event.meta();
		Map<String, String> header = new LinkedHashMap<>();
		header.put("_", type);
		header.put("t", LogTime.format(meta.time()));
		if (!meta.timeOfRecording().equals(meta.time())) {
			header.put("tr", LogTime.format(meta.timeOfRecording()));
		}
		meta.userId().ifPresent((userId) -> header.put("u", userId));
		try {
			return this.mapper.writeValueAsString(header) + " " + this.mapper.writeValueAsString(event.payload());
		}
		catch (JacksonException ex) {
			throw new EventSerializationException(type, ex);
		}
	}

	/**
	 * Writes events as the data of one plaintext entry ({@link LogDataKind#DATA}).
	 * @param events the events of one commit, at least one
	 * @return the entry's data
	 */
	public LogData encode(List<Event> events) {
		return encode(LogDataKind.DATA, events);
	}

	LogData encode(LogDataKind kind, List<Event> events) {
		Objects.requireNonNull(events, "events must not be null");
		return LogData.ofLines(kind, events.stream().map(this::encodeLine).toList());
	}

	/**
	 * Reads one event line.
	 * @param line the line
	 * @return the decoded line; without payload when the type is not registered
	 * @throws MalformedEventLineException if the line is not in the line format, or the
	 * payload does not fit its registered class
	 */
	public DecodedLine decodeLine(String line) {
		Objects.requireNonNull(line, "line must not be null");
		int headerEnd = endOfFirstObject(line);
		if (headerEnd < 0) {
			throw new MalformedEventLineException("No metadata object", line);
		}
		if (headerEnd >= line.length() || line.charAt(headerEnd) != ' ') {
			throw new MalformedEventLineException("No space and payload after the metadata", line);
		}
		Header header;
		try {
			header = this.mapper.readValue(line.substring(0, headerEnd), Header.class);
		}
		catch (JacksonException ex) {
			throw new MalformedEventLineException("Unreadable metadata", line, ex);
		}
		if (header.type() == null || header.type().isEmpty() || header.time() == null) {
			throw new MalformedEventLineException("Metadata lacks the type \"_\" or the time \"t\"", line);
		}
		EventMeta meta;
		try {
			meta = EventMeta.backdated(LogTime.parse(header.time()),
					LogTime.parse((header.timeOfRecording() != null) ? header.timeOfRecording() : header.time()),
					header.userId());
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedEventLineException("Bad time", line, ex);
		}
		Class<?> payloadClass = this.types.classOf(header.type()).orElse(null);
		if (payloadClass == null) {
			return new DecodedLine(header.type(), meta, null);
		}
		try {
			return new DecodedLine(header.type(), meta, this.mapper.readValue(line.substring(headerEnd + 1), payloadClass));
		}
		catch (JacksonException ex) {
			throw new MalformedEventLineException(
					"Payload does not fit " + payloadClass.getName() + " (type \"" + header.type() + "\")", line, ex);
		}
	}

	/**
	 * Reads the events of one entry. Entries of a kind other than plaintext meta or data
	 * yield no events (a later version's kind, or the Go project's encrypted one); kind
	 * {@code 0} is damaged data.
	 * @param entry the entry
	 * @return the decoded entry
	 * @throws MalformedEntryException if a line cannot be read; it names the entry and
	 * the line
	 */
	public DecodedEntry decode(LogEntry entry) {
		LogData data = entry.data();
		if (data.kind().code() == 0) {
			// 0 is no kind at all (the Go project's kinds start at 1): the byte is damaged.
			throw new MalformedEntryException(entry.cursor(), "kind byte 0 is not a kind (damaged data)");
		}
		if (!data.kind().isPlaintext()) {
			return new DecodedEntry(entry.cursor(), data.kind(), List.of(), List.of());
		}
		String text = data.payloadText();
		if (text.charAt(0) != '{') {
			throw new MalformedEntryException(entry.cursor(), "plaintext payload starts with byte "
					+ (data.payload()[0] & 0xFF) + ", not '{' (unknown compression header)");
		}
		List<Event> events = new ArrayList<>();
		List<String> skippedTypes = new ArrayList<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			DecodedLine line;
			try {
				line = decodeLine(lines[i]);
			}
			catch (MalformedEventLineException ex) {
				throw new MalformedEntryException(entry.cursor(), i + 1, ex);
			}
			if (line.isKnownType()) {
				events.add(Event.of(line.payload(), line.meta()));
			}
			else {
				skippedTypes.add(line.type());
			}
		}
		return new DecodedEntry(entry.cursor(), data.kind(), events, skippedTypes);
	}

	// Returns the index just past the '}' that closes the object opening the line, or -1.
	private static int endOfFirstObject(String line) {
		if (line.isEmpty() || line.charAt(0) != '{') {
			return -1;
		}
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i + 1;
			}
		}
		return -1;
	}

	private record Header(@JsonProperty("_") @Nullable String type, @JsonProperty("t") @Nullable String time,
			@JsonProperty("tr") @Nullable String timeOfRecording, @JsonProperty("u") @Nullable String userId) {
	}

}
