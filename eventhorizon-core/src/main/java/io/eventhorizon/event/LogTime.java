package io.eventhorizon.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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

	private static final long FIRST_SECOND_OF_YEAR_0 = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

	private static final long FIRST_SECOND_OF_YEAR_10000 = LocalDateTime.of(10000, 1, 1, 0, 0)
		.toEpochSecond(ZoneOffset.UTC);

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
		// Bounds in epoch seconds: going through a date would cost every event read a few objects.
		long second = rounded.getEpochSecond();
		if (second < FIRST_SECOND_OF_YEAR_0 || second >= FIRST_SECOND_OF_YEAR_10000) {
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
			Instant stored = parseStoredForm(text);
			return round((stored != null) ? stored
					: OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("Not an RFC 3339 time: \"" + text + "\"", ex);
		}
	}

	// The form this library and the Go project write, "2020-08-20T08:55:00.123Z", read
	// without a formatter: readers parse it for every event. Anything else: null.
	private static @Nullable Instant parseStoredForm(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int nanos = 0;
		if (length > 20) {
			if (text.charAt(19) != '.' || length == 21) {
				return null;
			}
			int fraction = number(text, 20, length - 1);
			if (fraction < 0) {
				return null;
			}
			for (int digits = length - 21; digits < 9; digits++) {
				fraction *= 10;
			}
			nanos = fraction;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 7);
		int day = number(text, 8, 10);
		int hour = number(text, 11, 13);
		int minute = number(text, 14, 16);
		int second = number(text, 17, 19);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
	}

	private static int number(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
