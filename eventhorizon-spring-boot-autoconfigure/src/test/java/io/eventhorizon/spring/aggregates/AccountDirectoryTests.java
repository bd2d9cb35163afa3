package io.eventhorizon.spring.aggregates;

import java.time.Duration;
import java.util.Map;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.aggregates.bank.Account;
import io.eventhorizon.spring.aggregates.bank.Account.Opened;
import io.eventhorizon.spring.aggregates.bank.AccountDirectory;
import io.eventhorizon.spring.aggregates.bank.Deposits;
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, in memory: commands on accounts, each an aggregate in its own stream below
 * /bank/accounts, and a read model of that tree that lists them all, the accounts opened
 * before it started and after.
 */
class AccountDirectoryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	// The bank's storage, which outlives one run of the application.
	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final ApplicationContextRunner bank = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages
			.register((BeanDefinitionRegistry) context.getBeanFactory(), Account.class.getPackageName()))
		.withBean(EventLog.class, () -> this.eventLog)
		.withBean(Deposits.class)
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=20ms");

	@Test
	void theDirectoryListsTheAccountsOpenedBeforeItStartedAndAfter() {
		this.bank.withPropertyValues("eventhorizon.synchronizer.enabled=false").run((yesterday) -> {
			open(yesterday, "acc-1", "alice");
			yesterday.getBean(Deposits.class).deposit("acc-1", 30);
		});

		this.bank.withBean(AccountDirectory.class).run((today) -> {
			AccountDirectory directory = today.getBean(AccountDirectory.class);
			await().atMost(PATIENCE).until(() -> directory.owners().equals(Map.of("acc-1", "alice")));

			open(today, "acc-2", "bob");
			today.getBean(Deposits.class).deposit("acc-2", 5);
			today.getBean(Deposits.class).deposit("acc-1", 12);

			await().atMost(PATIENCE).until(() -> directory.balance("acc-1") == 42 && directory.balance("acc-2") == 5);
			assertThat(directory.owners()).isEqualTo(Map.of("acc-1", "alice", "acc-2", "bob"));
		});
	}

	private static void open(ApplicationContext context, String id, String owner) {
		accounts(context).create(id, (account, events) -> {
			events.append(new Opened(owner));
			return null;
		});
	}

	@SuppressWarnings("unchecked")
	private static Aggregates<Account> accounts(ApplicationContext context) {
		return (Aggregates<Account>) context.getBean("accountAggregates");
	}

}
