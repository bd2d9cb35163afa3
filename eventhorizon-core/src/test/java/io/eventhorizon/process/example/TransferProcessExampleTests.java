package io.eventhorizon.process.example;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-Java example of docs/process-managers.md, as written there.
 */
class TransferProcessExampleTests {

	@Test
	void theExampleOfTheDocumentationMovesThirtyFromOneWalletToTheOther() {
		assertThat(TransferProcessExample.run()).containsExactly(70L, 130L);
	}

}
