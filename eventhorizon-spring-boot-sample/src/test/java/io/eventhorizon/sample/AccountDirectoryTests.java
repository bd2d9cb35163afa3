package io.eventhorizon.sample;

import io.eventhorizon.sample.AccountEvents.Closed;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.spring.test.processor.AnnotatedProcessorFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account directory, a read model of the tree {@code /bank/accounts}, fed events
 * without starting the bank.
 */
class AccountDirectoryTests {

	@Test
	void listsEveryAccountWithTheBalanceOfItsOwnStream() {
		AnnotatedProcessorFixture.of(new AccountDirectory(JsonMapper.builder().build()))
			.givenOn("/bank/accounts/a1", new Opened("a1", "ann"), new Deposited(100))
			.givenOn("/bank/accounts/b2", new Opened("b2", "bob"))
			.givenOn("/bank/accounts/a1", new TransferDebited("t1", "b2", 30))
			.givenOn("/bank/accounts/b2", new Closed())
			.then((directory) -> assertThat(directory.all()).containsExactly(new Account("a1", "ann", 70, false),
					new Account("b2", "bob", 0, true)));
	}

}
