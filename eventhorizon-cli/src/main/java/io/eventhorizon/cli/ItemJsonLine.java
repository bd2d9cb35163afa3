package io.eventhorizon.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One item of the events table as one line of DynamoDB JSON, the format of DynamoDB's own
 * export to S3: {@code {"Item":{"s":{"S":"/bank"},"v":{"N":"0"},"d":{"B":"AQ=="}}}}. Every
 * attribute is kept, binary ones as standard base64, so that an item comes back byte for
 * byte. Only the types the events table holds (S, N, B) are known; any other is refused,
 * naming the attribute, rather than silently lost.
 * <p>
 * Thread-safe: stateless.
 */
final class ItemJsonLine {

	private static final String ITEM = "Item";

	private static final String STRING = "S";

	private static final String NUMBER = "N";

	private static final String BINARY = "B";

	// Slashes are not escaped: stream names and base64 are full of them, and "\/" reads badly.
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private ItemJsonLine() {
	}

	/**
	 * Returns an item as a line of DynamoDB JSON (without the line break): the key first,
	 * then the other attributes by name, so that equal items give equal lines.
	 * @param item the item, as read from the events table
	 * @return the line
	 * @throws IllegalArgumentException if an attribute is of a type other than S, N or B,
	 * naming the item and the attribute
	 */
	static String encode(Map<String, AttributeValue> item) {
		ObjectNode attributes = JSON.createObjectNode();
		for (String name : namesKeyFirst(item)) {
			AttributeValue value = item.get(name);
			ObjectNode typed = attributes.putObject(name);
			if (value.s() != null) {
				typed.put(STRING, value.s());
			}
			else if (value.n() != null) {
				typed.put(NUMBER, value.n());
			}
			else if (value.b() != null) {
				typed.put(BINARY, Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe()));
			}
			else {
				throw new IllegalArgumentException("Item " + key(item) + " has attribute '" + name + "' of type "
						+ value.type() + "; only S, N and B can be exported");
			}
		}
		ObjectNode line = JSON.createObjectNode();
		line.set(ITEM, attributes);
		return JSON.writeValueAsString(line);
	}

	/**
	 * Returns the item a line of DynamoDB JSON holds, checked to be an item of the events
	 * table: a stream name {@code s} (S), a version {@code v} (N, a whole number from 0) and
	 * data {@code d} (B).
	 * @param line the line
	 * @return the item, its attributes in the line's order
	 * @throws IllegalArgumentException if the line is no such item, saying what is wrong
	 */
	static Map<String, AttributeValue> decode(String line) {
		JsonNode document;
		try {
			document = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			// Where the object began says nothing more than the line number does.
			throw new IllegalArgumentException(
					"not JSON: " + ex.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*$", ""));
		}
		if (document == null || !document.isObject() || document.size() != 1 || !document.has(ITEM)
				|| !document.get(ITEM).isObject()) {
			throw new IllegalArgumentException("not {\"Item\":{...}}");
		}
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> attribute : document.get(ITEM).properties()) {
			item.put(attribute.getKey(), attributeValue(attribute.getKey(), attribute.getValue()));
		}
		checkEventsTableItem(item);
		return item;
	}

	/**
	 * Returns the key of an item of the events table as a cursor, such as {@code /bank@3}.
	 * @param item the item
	 * @return its key
	 */
	static String key(Map<String, AttributeValue> item) {
		AttributeValue stream = item.get(EventItems.STREAM);
		AttributeValue version = item.get(EventItems.VERSION);
		return ((stream != null) ? stream.s() : "?") + "@" + ((version != null) ? version.n() : "?");
	}

	private static List<String> namesKeyFirst(Map<String, AttributeValue> item) {
		List<String> names = new ArrayList<>(item.keySet());
		names.sort((a, b) -> (rank(a) != rank(b)) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
		return names;
	}

	private static int rank(String name) {
		return switch (name) {
			case EventItems.STREAM -> 0;
			case EventItems.VERSION -> 1;
			default -> 2;
		};
	}

	private static AttributeValue attributeValue(String name, JsonNode typed) {
		if (!typed.isObject() || typed.size() != 1) {
			throw new IllegalArgumentException(
					"attribute '" + name + "' is not one typed value such as {\"S\":\"...\"}: " + typed);
		}
		Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
		String type = only.getKey();
		JsonNode value = only.getValue();
		if (!value.isString()) {
			throw new IllegalArgumentException("attribute '" + name + "' of type " + type
					+ " has a value that is not a JSON string: " + value);
		}
		String text = value.stringValue();
		return switch (type) {
			case STRING -> AttributeValue.fromS(text);
			case NUMBER -> AttributeValue.fromN(number(name, text));
			case BINARY -> AttributeValue.fromB(SdkBytes.fromByteArray(base64(name, text)));
			default -> throw new IllegalArgumentException(
					"attribute '" + name + "' has type '" + type + "'; only S, N and B can be imported");
		};
	}

	private static String number(String name, String text) {
		try {
			new BigDecimal(text);
			return text;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("attribute '" + name + "' is no number: '" + text + "'");
		}
	}

	private static byte[] base64(String name, String text) {
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("attribute '" + name + "' is not standard base64: '" + text + "'");
		}
	}

	private static void checkEventsTableItem(Map<String, AttributeValue> item) {
		AttributeValue stream = item.get(EventItems.STREAM);
		if (stream == null || stream.s() == null) {
			throw new IllegalArgumentException("no stream name: attribute 's' of type S is missing");
		}
		try {
			StreamName.of(stream.s());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("bad stream name '" + stream.s() + "': " + ex.getMessage());
		}
		AttributeValue version = item.get(EventItems.VERSION);
		if (version == null || version.n() == null) {
			throw new IllegalArgumentException("no version: attribute 'v' of type N is missing");
		}
		if (!version.n().matches("0|[1-9][0-9]{0,18}")) {
			throw new IllegalArgumentException("bad version '" + version.n() + "': not a whole number from 0");
		}
		AttributeValue data = item.get(EventItems.DATA);
		if (data == null || data.b() == null) {
			throw new IllegalArgumentException("no data: attribute 'd' of type B is missing");
		}
	}

}
