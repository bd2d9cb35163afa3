package io.eventhorizon.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StreamNameTests {

	@Test
	void namesDeriveFluentlyFromTheRoot() {
		StreamName offtopic = StreamName.root().child("t-42").child("chat").child("offtopic");

		assertThat(offtopic).hasToString("/t-42/chat/offtopic");
		assertThat(offtopic).isEqualTo(StreamName.of("/t-42/chat/offtopic"));
		assertThat(offtopic.base()).isEqualTo("offtopic");
		assertThat(offtopic.at(314)).hasToString("/t-42/chat/offtopic@314");
		assertThat(offtopic.beginning()).hasToString("/t-42/chat/offtopic@-1");
	}

	@Test
	void theParentOfAChildOfTheRootIsTheRootAndTheRootHasNone() {
		assertThat(StreamName.of("/foo/bar").parent()).contains(StreamName.of("/foo"));
		assertThat(StreamName.of("/foo").parent()).contains(StreamName.root());
		assertThat(StreamName.root().parent()).isEmpty();
		assertThat(StreamName.root().base()).isEqualTo("/");
		assertThat(StreamName.of("/").isRoot()).isTrue();
	}

	@ParameterizedTest(name = "{0} inside {1}: {2}")
	@CsvSource({ "/t-30/x, /t-3, false", "/t-30, /t-3, false", "/t-3/x, /t-3, true", "/t-3/x/y, /t-3, true",
			"/t-3, /t-3, false", "/t-3, /, true", "/, /, false", "/$/subX, /$/sub, false", "/$/sub/a, /$/sub, true",
			"/t-3, /t-3/x, false" })
	void descendantsAreDecidedBySegmentsNotByPrefix(String stream, String ancestor, boolean descendant) {
		assertThat(StreamName.of(stream).isDescendantOf(StreamName.of(ancestor))).isEqualTo(descendant);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false,
			value = { "\"\"|must be absolute", "bank|must be absolute", "/bank/|must not end with '/'",
			"//bank|empty segment", "/bank//eu|empty segment", "/bank/.|segment '.' is not allowed",
			"/bank/../t-1|segment '..' is not allowed", "/bank@3|'@' is not allowed", "/my bank|U+0020",
			"/bank\t|U+0009", "/bank\u0000|U+0000", "/t-1\u202e|U+202E", "/t-1\u00a0|U+00A0" })
	void badNamesAreRefusedWithTheReason(String name, String reason) {
		assertThatExceptionOfType(InvalidStreamNameException.class).isThrownBy(() -> StreamName.of(name))
			.withMessageStartingWith("Invalid stream name \"")
			.withMessageContaining(reason)
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(name));
	}

	@Test
	void controlCharactersAreShownEscapedInTheMessage() {
		assertThatExceptionOfType(InvalidStreamNameException.class).isThrownBy(() -> StreamName.of("/a\nb"))
			.withMessage("Invalid stream name \"/a\\u{000A}b\": character U+000A is not allowed "
					+ "(whitespace, control, format or unpaired surrogate)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a/b", "..", ".", "a@b", " " })
	void badChildSegmentsAreRefused(String segment) {
		assertThatExceptionOfType(InvalidStreamNameException.class)
			.isThrownBy(() -> StreamName.root().child("t-1").child(segment));
	}

	@Test
	void anUnpairedSurrogateIsRefused() {
		assertThatExceptionOfType(InvalidStreamNameException.class).isThrownBy(() -> StreamName.of("/a\ud800"))
			.withMessageContaining("U+D800");
	}

	@Test
	void systemStreamsAndUnicodeNamesAreAllowed() {
		assertThat(StreamName.of("/$/sub/$all").parent()).contains(StreamName.of("/$/sub"));
		assertThat(StreamName.of("/käyttäjät/日本")).hasToString("/käyttäjät/日本");
	}

	@Test
	void namesAreLimitedToAThousandAndTwentyFourBytesOfUtf8() {
		String longest = "/" + "a".repeat(1023);
		assertThat(StreamName.of(longest)).hasToString(longest);

		assertThatExceptionOfType(InvalidStreamNameException.class).isThrownBy(() -> StreamName.of(longest + "a"))
			.withMessageContaining("is 1025 bytes in UTF-8, more than the limit of 1024");
		assertThatExceptionOfType(InvalidStreamNameException.class)
			.isThrownBy(() -> StreamName.of("/" + "ä".repeat(512)))
			.withMessageContaining("1025 bytes");
		assertThatExceptionOfType(InvalidStreamNameException.class)
			.isThrownBy(() -> StreamName.of(longest).child("x"));
	}

}
