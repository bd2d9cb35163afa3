package io.eventhorizon.client;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a command's result is stored with its idempotency key, so that a repeat of the
 * command returns it: as JSON, of a type known to the reading side.
 * <p>
 * Implementations are thread-safe.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
public interface ResultFormat<T> {

	/**
	 * Returns the stored form of a result.
	 * @param result the result, or {@code null}
	 * @return the JSON, or {@code null} for a {@code null} result
	 */
	@Nullable String write(@Nullable T result);

	/**
	 * Returns the result from its stored form.
	 * @param stored the JSON, or {@code null}
	 * @return the result, or {@code null}
	 */
	@Nullable T read(@Nullable String stored);

	/**
	 * Returns the JSON format of a type.
	 * @param <T> the result type
	 * @param mapper the mapper, the same one for writing and reading
	 * @param type the result type
	 * @return the format
	 */
	static <T> ResultFormat<T> json(JsonMapper mapper, JavaType type) {
		Objects.requireNonNull(mapper, "mapper must not be null");
		Objects.requireNonNull(type, "type must not be null");
		return new ResultFormat<>() {

			@Override
			public @Nullable String write(@Nullable T result) {
				return (result != null) ? mapper.writeValueAsString(result) : null;
			}

			@Override
			public @Nullable T read(@Nullable String stored) {
				return (stored != null) ? mapper.readValue(stored, type) : null;
			}

		};
	}

	/**
	 * Returns the JSON format of a class.
	 * @param <T> the result type
	 * @param mapper the mapper, the same one for writing and reading
	 * @param type the result class
	 * @return the format
	 */
	static <T> ResultFormat<T> json(JsonMapper mapper, Class<T> type) {
		return json(mapper, mapper.constructType(type));
	}

}
