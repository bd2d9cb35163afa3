package io.eventhorizon.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people write it, {@code 200ms}, {@code 1s}, {@code 2m} or
 * {@code 1h}, or in the ISO-8601 form of {@link Duration#parse(CharSequence)} such as
 * {@code PT0.5S}. It must be positive.
 * <p>
 * Thread-safe: it has no state.
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

	@Override
	public Duration convert(String text) {
		Duration duration = parse(text);
		if (duration.isNegative() || duration.isZero()) {
			throw new TypeConversionException("'" + text + "' is not a positive duration");
		}
		return duration;
	}

	private static Duration parse(String text) {
		Matcher simple = SIMPLE.matcher(text);
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			return switch (simple.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new TypeConversionException(
					"'" + text + "' is not a duration such as 200ms, 1s, 2m, 1h or PT0.5S");
		}
	}

}
