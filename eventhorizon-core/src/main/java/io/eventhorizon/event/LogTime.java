package io.eventhorizon.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Event times as the Go project stores them: UTC, rounded (not truncated) to
 * milliseconds, formatted like Go's RFC3339Nano with trailing zeros trimmed
 * ({@code .120} becomes {@code .12}, {@code .000} disappears).
 *
 * @since 0.1.0
 */
public final class LogTime {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final long NANOS_PER_MILLI = 1_000_000;

	private LogTime() {
	}

	/**
	 * Rounds to the nearest millisecond, halves up: 123 500 000 ns gives 124 ms, 499 000
	 * ns gives 0 ms.
	 * @param time the time
	 * @return the rounded time
	 * @throws IllegalArgumentException if the year is outside 0 to 9999, which RFC 3339
	 * cannot express
	 */
	public static Instant round(Instant time) {
		Objects.requireNonNull(time, "time must not be null");
		long remainder = time.getNano() % NANOS_PER_MILLI;
		Instant rounded = time.minusNanos(remainder);
		if (remainder >= NANOS_PER_MILLI / 2) {
			rounded = rounded.plusNanos(NANOS_PER_MILLI);
		}
		int year = rounded.atOffset(ZoneOffset.UTC).getYear();
		if (year < 0 || year > 9999) {
			throw new IllegalArgumentException("Event time " + time + " is outside the years 0 to 9999");
		}
		return rounded;
	}

	/**
	 * Formats a time as stored: {@code 2020-08-20T08:55:00.123Z}.
	 * @param time the time, rounded first
	 * @return the stored text
	 */
	public static String format(Instant time) {
		Instant rounded = round(time);
		StringBuilder text = new StringBuilder(24).append(SECONDS.format(rounded));
		int millis = rounded.getNano() / (int) NANOS_PER_MILLI;
		if (millis != 0) {
			String fraction = String.format("%03d", millis);
			int end = fraction.length();
			while (fraction.charAt(end - 1) == '0') {
				end--;
			}
			text.append('.').append(fraction, 0, end);
		}
		return text.append('Z').toString();
	}

	/**
	 * Parses a stored time: any RFC 3339 time with any offset and fraction.
	 * @param text the stored text
	 * @return the time, rounded to milliseconds
	 * @throws IllegalArgumentException if the text is not an RFC 3339 time
	 */
	public static Instant parse(String text) {
		try {
			return round(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not an RFC 3339 time: \"" + text + "\"", ex);
		}
	}

}
