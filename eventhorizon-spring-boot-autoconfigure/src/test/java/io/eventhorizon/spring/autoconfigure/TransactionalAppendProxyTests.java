package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.spring.AppendListener;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter leaves the kind of proxy to {@code spring.aop.proxy-target-class}, as every
 * Spring Boot application expects, and {@code @TransactionalAppend} is advised either way.
 */
class TransactionalAppendProxyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false")
		.withUserConfiguration(TellerConfiguration.class);

	@Test
	void byDefaultTheBeanIsAClassProxyAndItsAppendMethodIsAdvised() {
		this.runner.run((context) -> {
			Teller teller = context.getBean(Teller.class);
			assertThat(AopUtils.isCglibProxy(teller)).isTrue();

			teller.deposit("a1", 5);

			assertThat(context.getBean(CallsHeard.class).methods).containsExactly("deposit");
		});
	}

	@Test
	void withInterfaceProxiesAskedForTheBeanIsAnInterfaceProxyAndItsAppendMethodIsStillAdvised() {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Teller teller = context.getBean(Teller.class);
			assertThat(AopUtils.isJdkDynamicProxy(teller)).isTrue();
			assertThat(context.getBeanNamesForType(CountingTeller.class)).isEmpty();

			teller.deposit("a1", 5);

			assertThat(context.getBean(CallsHeard.class).methods).containsExactly("deposit");
		});
	}

	@Test
	void withoutBootsAopAutoConfigurationThePropertyIsStillHonoured() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
			.withPropertyValues("eventhorizon.synchronizer.enabled=false", "spring.aop.proxy-target-class=false")
			.withUserConfiguration(TellerConfiguration.class)
			.run((context) -> {
				Teller teller = context.getBean(Teller.class);
				assertThat(AopUtils.isJdkDynamicProxy(teller)).isTrue();

				teller.deposit("a1", 5);

				assertThat(context.getBean(CallsHeard.class).methods).containsExactly("deposit");
			});
	}

	interface Teller {

		void deposit(String id, long amount);

	}

	static class CountingTeller implements Teller {

		private final EventHorizonTemplate events;

		CountingTeller(EventHorizonTemplate events) {
			this.events = events;
		}

		@Override
		@TransactionalAppend(processors = "accounts")
		public void deposit(String id, long amount) {
			this.events.append("/bank", new Deposited(id, amount));
		}

	}

	/** Hears every {@code @TransactionalAppend} call that went through the advice. */
	static class CallsHeard implements AppendListener {

		final List<String> methods = new CopyOnWriteArrayList<>();

		@Override
		public void transactionalAppendFinished(String method, int attempts, boolean exhausted) {
			this.methods.add(method.substring(method.lastIndexOf('.') + 1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TellerConfiguration {

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

		@Bean
		CountingTeller teller(EventHorizonTemplate events) {
			return new CountingTeller(events);
		}

		@Bean
		CallsHeard callsHeard() {
			return new CallsHeard();
		}

	}

}
