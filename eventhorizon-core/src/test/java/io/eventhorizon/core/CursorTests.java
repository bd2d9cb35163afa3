package io.eventhorizon.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorTests {

	private static final StreamName FOO = StreamName.of("/foo");

	@Test
	void theTextFormIsStreamAtVersionAndParsesBack() {
		assertThat(FOO.at(314)).hasToString("/foo@314");
		assertThat(Cursor.parse("/foo@314")).isEqualTo(FOO.at(314));
		assertThat(Cursor.parse("/foo@-1")).isEqualTo(FOO.beginning());
		assertThat(Cursor.parse("/@0")).isEqualTo(StreamName.root().at(0));
	}

	@Test
	void theBeginningIsBeforeTheFirstEntry() {
		assertThat(FOO.beginning().isBeginning()).isTrue();
		assertThat(FOO.beginning().version()).isEqualTo(-1);
		assertThat(FOO.beginning().next()).isEqualTo(FOO.at(0));
		assertThat(FOO.at(0).isBeginning()).isFalse();
	}

	@Test
	void cursorsAreOrderedWithinOneStreamOnly() {
		assertThat(FOO.at(1).isBefore(FOO.at(2))).isTrue();
		assertThat(FOO.at(2).isBefore(FOO.at(2))).isFalse();
		assertThat(FOO.at(3).isAfter(FOO.at(2))).isTrue();

		assertThatIllegalArgumentException().isThrownBy(() -> FOO.at(1).isBefore(StreamName.of("/bar").at(2)))
			.withMessage("Cannot compare cursors of unrelated streams: /foo@1 and /bar@2");
	}

	@Test
	void versionsBelowTheBeginningAreRefused() {
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> FOO.at(-2))
			.withMessage("Invalid cursor \"/foo@-2\": version must be -1 (the beginning) or more");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "/foo|expected '/stream@version'", "/foo@|is not a whole number",
			"/foo@x|is not a whole number", "/foo@-2|is not a whole number", "/foo@+1|is not a whole number",
			"/foo@007|is not a whole number", "/foo@ 1|is not a whole number", "/foo@1@2|more than one '@'",
			"foo@1|must be absolute", "/a//b@1|empty segment", "/foo@99999999999999999999|out of range" })
	void badTextIsRefusedWithTheReason(String text, String reason) {
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> Cursor.parse(text))
			.withMessageStartingWith("Invalid cursor \"" + text + "\"")
			.withMessageContaining(reason)
			.satisfies((ex) -> assertThat(ex.getCursor()).isEqualTo(text));
	}

}
