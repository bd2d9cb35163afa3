package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Receipt;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A {@code @TransactionalAppend} method called from another one joins it: what it promises
 * on its own must still hold inside the outer command.
 */
class NestedCommandTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false")
		.withUserConfiguration(BankConfiguration.class)
		.withBean(Payroll.class);

	@Test
	void aKeyedDepositRunInsidePayrollIsNotAppliedAgainWhenTheClientRepeatsIt() {
		this.runner.run((context) -> {
			Payroll payroll = context.getBean(Payroll.class);
			Bank bank = context.getBean(Bank.class);

			Throwable inPayroll = catchThrowable(() -> payroll.pay("a1", "salary-2026-11"));
			// The client did not hear back and sends the deposit again, with its key.
			Throwable repeated = catchThrowable(() -> bank.depositOnce("a1", 100, "salary-2026-11", () -> {
			}));

			assertThat(context.getBean(Accounts.class).balance("a1"))
				.as("a1 after a deposit with one key (in payroll: %s; repeated: %s)", describe(inPayroll),
						describe(repeated))
				.isEqualTo(100);
		});
	}

	@Test
	void aNestedCommandWhoseProcessorsTheOuterOneDoesNotHoldIsRefusedAndWritesNothing() {
		this.runner.withBean("audit", Audit.class).withBean(AuditedPayroll.class).run((context) -> {
			Bank bank = context.getBean(Bank.class);
			bank.deposit("a1", 50);
			long entries = entriesOf(context);

			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(AuditedPayroll.class).payAndWithdraw("a1", 70))
				.withMessageContaining("Bank.withdraw was called inside another @TransactionalAppend method, which it "
						+ "joins, but it validates against processors the outer method does not");
			assertThat(entriesOf(context)).isEqualTo(entries);
			assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(50);
		});
	}

	private static long entriesOf(ApplicationContext context) {
		return StreamContents.entries(context.getBean(EventLog.class), StreamName.of("/bank")).size();
	}

	private static String describe(Throwable failure) {
		return (failure != null) ? failure.toString() : "answered";
	}

	/** Pays salaries as deposits, each with its idempotency key. */
	static class Payroll {

		private final Bank bank;

		Payroll(Bank bank) {
			this.bank = bank;
		}

		@TransactionalAppend(processors = "accounts")
		public Receipt pay(String id, String key) {
			return this.bank.depositOnce(id, 100, key, () -> {
			});
		}

	}

	/** A read model of its own, on the same stream. */
	@EventProcessor(stream = "/bank")
	static class Audit {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	/** Validates against the audit only, then withdraws through the bank. */
	static class AuditedPayroll {

		private final Bank bank;

		AuditedPayroll(Bank bank) {
			this.bank = bank;
		}

		@TransactionalAppend(processors = "audit")
		public long payAndWithdraw(String id, long amount) {
			return this.bank.withdraw(id, amount);
		}

	}

}
