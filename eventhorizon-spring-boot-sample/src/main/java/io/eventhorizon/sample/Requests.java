package io.eventhorizon.sample;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of request bodies strictly: the right JSON type, or a 400 that names the
 * field and what was wrong.
 */
final class Requests {

	/** The largest amount one request may move: ten million units of currency, in cents. */
	static final long MAX_AMOUNT = 1_000_000_000L;

	private Requests() {
	}

	static String text(@Nullable JsonNode body, String field, int maxLength) {
		JsonNode value = field(body, field);
		if (!value.isString() || value.asString().isBlank()) {
			throw new InvalidRequestException("\"" + field + "\" must be a non-blank string");
		}
		String text = value.asString().strip();
		if (text.length() > maxLength) {
			throw new InvalidRequestException("\"" + field + "\" must have at most " + maxLength + " characters");
		}
		return text;
	}

	static long amount(@Nullable JsonNode body) {
		JsonNode value = field(body, "amount");
		if (!value.isIntegralNumber()) {
			throw new InvalidRequestException("\"amount\" must be a whole number of cents, was " + value);
		}
		if (!value.canConvertToLong() || value.asLong() > MAX_AMOUNT) {
			throw new InvalidRequestException("\"amount\" must be at most " + MAX_AMOUNT + " cents, was " + value);
		}
		if (value.asLong() <= 0) {
			throw new InvalidRequestException("\"amount\" must be positive, was " + value);
		}
		return value.asLong();
	}

	private static JsonNode field(@Nullable JsonNode body, String field) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("The body must be a JSON object");
		}
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			throw new InvalidRequestException("\"" + field + "\" is missing");
		}
		return value;
	}

}
