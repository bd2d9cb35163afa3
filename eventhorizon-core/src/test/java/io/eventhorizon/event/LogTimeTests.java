package io.eventhorizon.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogTimeTests {

	private static final Instant SECOND = Instant.parse("2020-08-20T08:55:00Z");

	// The vectors of DESIGN.md: rounded, not truncated, to milliseconds; zeros trimmed.
	@ParameterizedTest(name = "{0} ns -> {1}")
	@CsvSource({ "123456789, 2020-08-20T08:55:00.123Z", "123500000, 2020-08-20T08:55:00.124Z",
			"12350000, 2020-08-20T08:55:00.012Z", "1235000, 2020-08-20T08:55:00.001Z",
			"123500, 2020-08-20T08:55:00Z", "499000, 2020-08-20T08:55:00Z", "500000, 2020-08-20T08:55:00.001Z",
			"0, 2020-08-20T08:55:00Z", "120000000, 2020-08-20T08:55:00.12Z", "100000000, 2020-08-20T08:55:00.1Z",
			"999500000, 2020-08-20T08:55:01Z" })
	void timesAreRoundedToMillisecondsAndTrimmedLikeGo(long nanos, String stored) {
		assertThat(LogTime.format(SECOND.plusNanos(nanos))).isEqualTo(stored);
	}

	@Test
	void storedTimesParseBackWithAnyOffsetAndFraction() {
		assertThat(LogTime.parse("2020-08-20T08:55:00.12Z")).isEqualTo(SECOND.plusMillis(120));
		assertThat(LogTime.parse("2020-08-20T11:55:00+03:00")).isEqualTo(SECOND);
		assertThat(LogTime.parse("2020-08-20T08:55:00.123456789Z")).isEqualTo(SECOND.plusMillis(123));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "2020-08-20T08:55:00Z, 0", "2020-08-20T08:55:00.1Z, 100", "2020-08-20T08:55:00.12Z, 120",
			"2020-08-20T08:55:00.123Z, 123", "2020-08-20T08:55:00.1235Z, 124", "2020-08-20T08:55:00.999999999Z, 1000" })
	void theStoredFormParsesToTheRoundedMillisecond(String text, long millis) {
		assertThat(LogTime.parse(text)).isEqualTo(SECOND.plusMillis(millis));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "yesterday", "2020-13-01T00:00:00Z", "2020-02-30T00:00:00Z", "2020-08-20T25:00:00Z",
			"2020-08-20T08:55:0xZ", "2020-08-20 08:55:00Z" })
	void textThatIsNoTimeIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> LogTime.parse(text))
			.withMessage("Not an RFC 3339 time: \"" + text + "\"");
	}

	@Test
	void yearsRfc3339CannotExpressAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogTime.format(Instant.parse("+10000-01-01T00:00:00Z")))
			.withMessageContaining("outside the years 0 to 9999");
		assertThatIllegalArgumentException().isThrownBy(() -> LogTime.format(Instant.parse("-0001-12-31T23:59:59Z")))
			.withMessageContaining("outside the years 0 to 9999");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogTime.format(Instant.parse("9999-12-31T23:59:59.9996Z")))
			.withMessageContaining("outside the years 0 to 9999");
		assertThat(LogTime.format(Instant.parse("9999-12-31T23:59:59.9994Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
		assertThat(LogTime.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
	}

}
