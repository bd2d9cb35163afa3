package io.eventhorizon.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SnapshotPerspectiveTests {

	@Test
	void theTextFormIsAppIdColonVersion() {
		assertThat(SnapshotPerspective.v1("bank-accounts")).hasToString("bank-accounts:v1");
		assertThat(SnapshotPerspective.parse("eh.streammeta:v2")).isEqualTo(new SnapshotPerspective("eh.streammeta", "v2"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "noversion", ":v1", "app:", "app:v1:x", "my app:v1", "app:v\n1" })
	void badTextIsRefusedNamingIt(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotPerspective.parse(text))
			.withMessageStartingWith("Invalid snapshot perspective");
	}

	@Test
	void aSnapshotNeedsACursorAtAnEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Snapshot.of(StreamName.of("/bank").beginning(), SnapshotPerspective.v1("a"), new byte[0]))
			.withMessageContaining("not the beginning");
	}

}
