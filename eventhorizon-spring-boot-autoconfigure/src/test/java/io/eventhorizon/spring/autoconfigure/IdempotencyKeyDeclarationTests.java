package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.spring.IdempotencyKey;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code @IdempotencyKey} declared wrongly fails the startup, naming the method.
 */
class IdempotencyKeyDeclarationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false")
		.withBean("accounts", Accounts.class);

	@Test
	void aKeyThatIsNeitherTextNorAKeyIsRefused() {
		this.runner.withBean("commands", NumberKey.class)
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidEventProcessorException.class)
				.hasMessage("@IdempotencyKey parameter 2 of NumberKey.deposit(String, long) is a long; it must be a "
						+ "String or an io.eventhorizon.core.IdempotencyKey"));
	}

	@Test
	void twoKeysAreRefused() {
		this.runner.withBean("commands", TwoKeys.class)
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidEventProcessorException.class)
				.hasMessage("TwoKeys.deposit(String, String) has two @IdempotencyKey parameters (1 and 2); a command has "
						+ "one key"));
	}

	@Test
	void aKeyAsTextOrAsAKeyIsAccepted() {
		this.runner.withBean("commands", GoodKeys.class).run((context) -> assertThat(context).hasNotFailed());
	}

	static class NumberKey {

		@TransactionalAppend(processors = "accounts")
		public void deposit(String id, @IdempotencyKey long key) {
		}

	}

	static class TwoKeys {

		@TransactionalAppend(processors = "accounts")
		public void deposit(@IdempotencyKey String one, @IdempotencyKey String other) {
		}

	}

	static class GoodKeys {

		@TransactionalAppend(processors = "accounts")
		public void deposit(String id, @IdempotencyKey String key) {
		}

		@TransactionalAppend(processors = "accounts")
		public void withdraw(String id, @IdempotencyKey io.eventhorizon.core.IdempotencyKey key) {
		}

	}

}
