package io.eventhorizon.cli;

import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON setting of every command that reads a document an operator or an application
 * wrote: decimals read as {@code BigDecimal} and kept as written, trailing zeros included. A
 * double would round {@code 0.10000000000000000001} to {@code 0.1}, show {@code 100.50} as
 * {@code 100.5} and turn {@code 1e400} into the string {@code "Infinity"}, unseen.
 * <p>
 * Thread-safe: it has no state.
 */
final class ExactNumbers {

	private ExactNumbers() {
	}

	/**
	 * Returns a builder of a mapper that keeps numbers as written.
	 * @return a new builder
	 */
	static JsonMapper.Builder mapperBuilder() {
		return JsonMapper.builder()
			.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
	}

}
