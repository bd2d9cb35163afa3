package io.eventhorizon.aggregate.example;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-Java example of docs/aggregates.md, as written there.
 */
class WalletExampleTests {

	@Test
	void theExampleOfTheDocumentationCreditsAndDebitsAWallet() {
		assertThat(WalletExample.run()).isEqualTo(70);
	}

}
