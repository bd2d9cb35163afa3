package io.eventhorizon.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The durations that {@code tail --poll} takes, as people write them or in ISO-8601.
 */
class DurationConverterTests {

	private final DurationConverter converter = new DurationConverter();

	@Test
	void durationsAsPeopleWriteThemAreRead() {
		assertThat(this.converter.convert("200ms")).isEqualTo(Duration.ofMillis(200));
		assertThat(this.converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.converter.convert("1h")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void isoDurationsAreRead() {
		assertThat(this.converter.convert("PT0.5S")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void aDurationThatIsNotPositiveIsRefusedNamingIt() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("0s"))
			.withMessage("'0s' is not a positive duration");
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("PT-1S"))
			.withMessage("'PT-1S' is not a positive duration");
	}

	@Test
	void textThatIsNoDurationIsRefusedNamingIt() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("1 s"))
			.withMessageStartingWith("'1 s' is not a duration");
	}

}
