package io.eventhorizon.spring.aggregates;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.AggregatesFactory;
import io.eventhorizon.spring.InvalidAggregateException;
import io.eventhorizon.spring.aggregates.bank.Account;
import io.eventhorizon.spring.aggregates.bank.Account.Deposited;
import io.eventhorizon.spring.aggregates.bank.Account.Opened;
import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The starter's aggregates: an {@code Aggregates<T>} bean per {@code @Aggregate} class of
 * the application's packages, its parent stream created at startup, snapshots as JSON,
 * beans that back off, and declarations that fail the startup with a clear message.
 */
class AggregatesAutoConfigurationTests {

	private static final ResolvableType ACCOUNTS = ResolvableType.forClassWithGenerics(Aggregates.class, Account.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void anAccountIsOpenedAndCommandedThroughItsAggregatesBean() {
		inPackageOf(Account.class).run((context) -> {
			Aggregates<Account> accounts = accounts(context.getBean("accountAggregates"));
			accounts.create("acc-1", (account, events) -> {
				events.append(new Opened("alice"));
				return null;
			});

			Long balance = accounts.execute("acc-1", (account, events) -> {
				events.append(new Deposited(30));
				return account.balance() + 30;
			});

			assertThat(balance).isEqualTo(30);
			assertThat(accounts.query("acc-1", Account::owner)).isEqualTo("alice");
			assertThat(context.getBean(EventLog.class).head(StreamName.of("/bank/accounts/acc-1")).version())
				.isEqualTo(2);
		});
	}

	@Test
	void theParentStreamIsResolvedFromPlaceholdersAndCreatedAtStartup() {
		inPackageOf(Account.class).withPropertyValues("bank.accounts=/branch-7/accounts").run((context) -> {
			context.getBean("accountAggregates");

			assertThat(context.getBean(EventLog.class).head(StreamName.of("/branch-7/accounts")).version()).isZero();
		});
	}

	@Test
	void anAccountIsSnapshottedAsJsonOfItsFieldsEveryTwoEntries() {
		inPackageOf(Account.class).run((context) -> {
			Aggregates<Account> accounts = accounts(context.getBean("accountAggregates"));
			accounts.create("acc-1", (account, events) -> {
				events.append(new Opened("alice"));
				return null;
			});
			accounts.execute("acc-1", (account, events) -> {
				events.append(new Deposited(30));
				return null;
			});

			SnapshotStore snapshots = context.getBean(SnapshotStore.class);
			org.awaitility.Awaitility.await()
				.until(() -> snapshots.read(StreamName.of("/bank/accounts/acc-1"), SnapshotPerspective.parse("account:v1"))
					.isPresent());
			assertThat(new String(snapshots.read(StreamName.of("/bank/accounts/acc-1"),
					SnapshotPerspective.parse("account:v1")).orElseThrow().data()))
				.isEqualTo("{\"owner\":\"alice\",\"balance\":0}");
		});
	}

	@Test
	void anAggregatesBeanOfTheApplicationReplacesTheStartersOne() {
		inPackageOf(Account.class).withUserConfiguration(OwnAccounts.class).run((context) -> {
			assertThat(context.getBeanNamesForType(ACCOUNTS)).containsExactly("ownAccounts");
		});
	}

	@Test
	void anAggregatesFactoryOfTheApplicationReplacesTheStartersOne() {
		inPackageOf(Account.class).withUserConfiguration(OwnFactory.class).run((context) -> {
			assertThat(context).getBean(AggregatesFactory.class).isSameAs(context.getBean("ownFactory"));
			assertThat(context).doesNotHaveBean("eventHorizonAggregatesFactory");
		});
	}

	@Test
	void anAggregateWithoutEventHandlersFailsTheStartupNamingIt() {
		inPackageOf(io.eventhorizon.spring.aggregates.invalid.HandlerlessAccount.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining(InvalidAggregateException.class.getName() + ": @Aggregate class "
						+ "io.eventhorizon.spring.aggregates.invalid.HandlerlessAccount has wrong @EventHandler methods")
				.hasStackTraceContaining("has no @EventHandler methods");
		});
	}

	@Test
	void anAggregateWithAnInvalidParentFailsTheStartupNamingTheParent() {
		inPackageOf(io.eventhorizon.spring.aggregates.badparent.BadParentAccount.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("/bank/../accounts");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("BadParentAccount has an invalid parent");
		});
	}

	private ApplicationContextRunner inPackageOf(Class<?> type) {
		return this.runner.withInitializer((context) -> AutoConfigurationPackages
			.register((BeanDefinitionRegistry) context.getBeanFactory(), type.getPackageName()));
	}

	@SuppressWarnings("unchecked")
	private static Aggregates<Account> accounts(Object bean) {
		return (Aggregates<Account>) bean;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAccounts {

		@Bean
		Aggregates<Account> ownAccounts(AggregatesFactory factory) {
			return factory.create(Account.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactory {

		@Bean
		AggregatesFactory ownFactory() {
			return mock(AggregatesFactory.class);
		}

	}

}
