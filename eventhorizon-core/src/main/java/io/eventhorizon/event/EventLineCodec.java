package io.eventhorizon.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
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

	// One reader per payload class: it keeps the class's deserializer at hand.
	private final Map<Class<?>, ObjectReader> payloadReaders = new ConcurrentHashMap<>();

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
	 * Returns a mapper built from {@code builder} (a fresh one with the customizations the
	 * stored format needs, such as modules for payload types) and adjusted to the line
	 * format: unknown fields ignored, trailing garbage rejected, declaration order kept, one
	 * line per document. Start from {@link JsonMapper#builder()}, not from an application's
	 * HTTP mapper: settings made for HTTP would change what is stored.
	 * @param builder the builder, customized
	 * @return the mapper
	 */
	public static JsonMapper lineFormatMapper(JsonMapper.Builder builder) {
		return forLineFormat(Objects.requireNonNull(builder, "builder must not be null"));
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
	 * Returns a codec with this one's JSON mapper for other event types, such as the ones a
	 * processor reads: it reads and writes payloads exactly as this one does.
	 * @param types the event types
	 * @return the codec
	 */
	public EventLineCodec withTypes(EventTypes types) {
		return new EventLineCodec(types, this.mapper);
	}

	/**
	 * Returns the registered event types.
	 * @return the registry
	 */
	public EventTypes types() {
		return this.types;
	}

	/**
	 * Returns the JSON mapper of payloads, for other JSON stored beside the events (such as
	 * commands' results) to be written and read alike.
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.mapper;
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
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		try (JsonParser parser = this.mapper.createParser(bytes)) {
			return decodeLine(parser, bytes, 0, bytes.length, false);
		}
	}

	/**
	 * Reads the events of one entry. Entries of a kind other than plaintext meta or data
	 * yield no events (a later version's kind, or the Go project's encrypted one); kind
	 * {@code 0} is damaged data. A meta entry yields only meta events
	 * ({@link MetaEvents#isMetaType(String)}): events of other types in it are skipped, as
	 * the Go project's readers skip them.
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
		// Lines are parsed from the UTF-8 bytes in place: '\n', '{', '}', '"' and ' ' are
		// single bytes that never occur inside a multi-byte character.
		byte[] payload = data.payload();
		if (payload[0] != '{') {
			throw new MalformedEntryException(entry.cursor(), "plaintext payload starts with byte "
					+ (payload[0] & 0xFF) + ", not '{' (unknown compression header)");
		}
		boolean metaOnly = data.kind().equals(LogDataKind.META);
		List<Event> events = new ArrayList<>();
		List<String> skippedTypes = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		// One parser reads all the lines, as a sequence of JSON documents: setting a parser up
		// costs more than reading a line's metadata.
		try (JsonParser parser = this.mapper.createParser(payload)) {
			int lineNumber = 0;
			int from = 0;
			while (from <= payload.length) {
				int to = indexOf(payload, (byte) '\n', from);
				lineNumber++;
				DecodedLine line;
				try {
					line = decodeLine(parser, payload, from, to, metaOnly);
				}
				catch (MalformedEventLineException ex) {
					throw new MalformedEntryException(entry.cursor(), lineNumber, ex);
				}
				if (line.isKnownType()) {
					events.add(Event.of(line.payload(), line.meta()));
					lines.add(lineNumber - 1);
				}
				else {
					skippedTypes.add(line.type());
				}
				from = to + 1;
			}
		}
		return new DecodedEntry(entry.cursor(), data.kind(), events, skippedTypes, lines);
	}

	// Decodes the line in bytes[from, to) with the parser standing just before it. Offsets are
	// checked against the line's bounds so that no document runs into the next line.
	private DecodedLine decodeLine(JsonParser parser, byte[] bytes, int from, int to, boolean metaOnly) {
		int headerEnd = endOfFirstObject(bytes, from, to);
		if (headerEnd < 0) {
			throw new MalformedEventLineException("No metadata object", text(bytes, from, to));
		}
		if (headerEnd >= to || bytes[headerEnd] != ' ') {
			throw new MalformedEventLineException("No space and payload after the metadata", text(bytes, from, to));
		}
		Header header;
		try {
			header = readHeader(parser);
			if (parser.currentTokenLocation().getByteOffset() != headerEnd - 1) {
				throw new StreamReadException(parser, "metadata object does not end at byte " + headerEnd);
			}
		}
		catch (JacksonException ex) {
			throw new MalformedEventLineException("Unreadable metadata", text(bytes, from, to), ex);
		}
		EventMeta meta = header.meta(() -> text(bytes, from, to));
		Class<?> payloadClass = (!metaOnly || MetaEvents.isMetaType(header.type))
				? this.types.classOf(header.type).orElse(null) : null;
		try {
			if (parser.nextToken() == null) {
				throw new StreamReadException(parser, "No payload");
			}
			Object payload = null;
			if (payloadClass != null) {
				payload = this.payloadReaders.computeIfAbsent(payloadClass, this::payloadReader).readValue(parser);
			}
			else {
				// Read past it all the same: the next line starts after it.
				parser.skipChildren();
			}
			requireEndOfLine(parser, bytes, to);
			return new DecodedLine(header.type, meta, payload);
		}
		catch (JacksonException ex) {
			String reason = (payloadClass != null)
					? "Payload does not fit " + payloadClass.getName() + " (type \"" + header.type + "\")"
					: "Unreadable payload (type \"" + header.type + "\", not registered)";
			throw new MalformedEventLineException(reason, text(bytes, from, to), ex);
		}
	}

	// The lines that follow are more documents for the same parser: requireEndOfLine checks
	// what the mapper's trailing-token check would.
	private ObjectReader payloadReader(Class<?> type) {
		return this.mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	// After the payload only blanks may follow on its line.
	private static void requireEndOfLine(JsonParser parser, byte[] bytes, int to) {
		long payloadEnd = parser.currentLocation().getByteOffset();
		// A number at the root is known to end only when the parser has read one byte past it.
		boolean endsWithinLine = payloadEnd <= to || (payloadEnd == to + 1 && bytes[to] == '\n');
		for (int i = (int) Math.min(payloadEnd, to); endsWithinLine && i < to; i++) {
			endsWithinLine = bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r';
		}
		if (!endsWithinLine) {
			throw new StreamReadException(parser, "Trailing content after the payload");
		}
	}

	// Reads the metadata object token by token: binding it to a class would cost more than
	// binding the payload.
	private static Header readHeader(JsonParser parser) {
		Header header = new Header();
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new StreamReadException(parser, "metadata is not an object");
		}
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken value = parser.nextToken();
			if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
				parser.skipChildren();
				continue;
			}
			String text = (value == JsonToken.VALUE_NULL) ? null : parser.getValueAsString();
			switch (field) {
				case "_" -> header.type = text;
				case "t" -> header.time = text;
				case "tr" -> header.timeOfRecording = text;
				case "u" -> header.userId = text;
				default -> {
					// Fields of a later version: ignored, as unknown payload fields are.
				}
			}
		}
		return header;
	}

	// Returns the index just past the '}' that closes the object opening bytes[from, to), or -1.
	private static int endOfFirstObject(byte[] bytes, int from, int to) {
		if (from >= to || bytes[from] != '{') {
			return -1;
		}
		int depth = 0;
		boolean inString = false;
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (inString) {
				if (b == '\\') {
					i++;
				}
				else if (b == '"') {
					inString = false;
				}
			}
			else if (b == '"') {
				inString = true;
			}
			else if (b == '{') {
				depth++;
			}
			else if (b == '}' && --depth == 0) {
				return i + 1;
			}
		}
		return -1;
	}

	private static int indexOf(byte[] bytes, byte wanted, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return bytes.length;
	}

	private static String text(byte[] bytes, int from, int to) {
		return new String(bytes, from, to - from, StandardCharsets.UTF_8);
	}

	private static final class Header {

		@Nullable String type;

		@Nullable String time;

		@Nullable String timeOfRecording;

		@Nullable String userId;

		EventMeta meta(Supplier<String> line) {
			if (this.type == null || this.type.isEmpty() || this.time == null) {
				throw new MalformedEventLineException("Metadata lacks the type \"_\" or the time \"t\"", line.get());
			}
			try {
				Instant at = LogTime.parse(this.time);
				Instant recorded = (this.timeOfRecording != null) ? LogTime.parse(this.timeOfRecording) : at;
				return EventMeta.backdated(at, recorded, this.userId);
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedEventLineException("Bad time", line.get(), ex);
			}
		}

	}

}
