package io.eventhorizon.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Idempotency keys: visible ASCII, 1 to 128 characters; anything else is refused with the
 * key and the reason.
 */
class IdempotencyKeyTests {

	@Test
	void aUuidIsAKey() {
		assertThat(IdempotencyKey.of("3f2c9d4e-8a1b-4c7d-9e0f-123456789abc").value())
			.isEqualTo("3f2c9d4e-8a1b-4c7d-9e0f-123456789abc");
	}

	@Test
	void anEmptyKeyIsRefused() {
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> IdempotencyKey.of(""))
			.withMessage("Invalid idempotency key \"\": it is empty");
	}

	@Test
	void aKeyOver128CharactersIsRefused() {
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
			.isThrownBy(() -> IdempotencyKey.of("k".repeat(129)))
			.withMessageEndingWith(": it has 129 characters, more than 128")
			.satisfies((ex) -> assertThat(ex.getKey()).hasSize(129));
	}

	@Test
	void aKeyWithASpaceOrAControlCharacterIsRefused() {
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> IdempotencyKey.of("a b"))
			.withMessage("Invalid idempotency key \"a b\": character 2 is not visible ASCII (! to ~)");
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> IdempotencyKey.of("a\nb"))
			.withMessageEndingWith(": character 2 is not visible ASCII (! to ~)");
	}

}
