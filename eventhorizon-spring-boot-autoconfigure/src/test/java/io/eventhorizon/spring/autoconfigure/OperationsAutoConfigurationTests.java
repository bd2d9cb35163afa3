package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHandlerFailedException;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.EventHorizonSynchronizerTests.FailingProcessor;
import io.eventhorizon.spring.autoconfigure.endpoint.EventHorizonEndpointAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.health.EventHorizonHealthContributorAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.metrics.EventHorizonMetricsAutoConfiguration;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint.ProcessorDescriptor;
import io.eventhorizon.spring.endpoint.RebuildStatus;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import io.eventhorizon.spring.metrics.EventHorizonMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Health, metrics and the management endpoint, one scenario per method.
 */
class OperationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class,
				EventHorizonHealthContributorAutoConfiguration.class, EventHorizonMetricsAutoConfiguration.class,
				EventHorizonEndpointAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages
			.register((BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=20ms",
				"management.endpoints.web.exposure.include=eventhorizon");

	@Test
	void healthIsUpWithEveryProcessorsStreamAndCursorOnceTheyAreCurrent() {
		this.runner.withUserConfiguration(BankConfiguration.class).run((context) -> {
			await().atMost(Duration.ofSeconds(5)).until(() -> health(context).getStatus().equals(Status.UP));

			assertThat(processorDetails(health(context), "accounts")).containsEntry("state", "UP")
				.containsEntry("stream", "/bank")
				.containsEntry("cursor", "/bank@0")
				.containsEntry("consecutiveFailures", 0);
		});
	}

	@Test
	void healthIsDownWhenAProcessorFailsAgainAndAgain() {
		this.runner.withBean("failing", FailingProcessor.class)
			.withPropertyValues("management.health.eventhorizon.max-consecutive-failures=2",
					"eventhorizon.synchronizer.poll-interval=5ms", "eventhorizon.synchronizer.max-backoff=10ms")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(5)).until(() -> health(context).getStatus().equals(Status.DOWN));

				assertThat(processorDetails(health(context), "failing")).containsEntry("state", "FAILING")
					.hasEntrySatisfying("lastError", (error) -> assertThat((String) error).contains("database down"));
			});
	}

	@Test
	void aFailingProcessorDoesNotHoldUpTheOthers() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withBean("failing", FailingProcessor.class)
			.run((context) -> {
				context.getBean(EventLog.class)
					.append(StreamName.of("/bank"), context.getBean(EventLineCodec.class)
						.encode(List.of(Event.of(new Deposited("a1", 3), EventMeta.system(Instant.now())))));

				await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(Accounts.class).balance("a1") == 3);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> context.getBean(MeterRegistry.class)
						.get("eventhorizon.sync.failures")
						.tag("processor", "failing")
						.counter()
						.count() > 0);
			});
	}

	@Test
	void withTheSkipPolicyAPoisonEntryIsCountedAfterThreeFailuresAndTheProcessorGoesOn() {
		this.runner.withBean("picky", PickyAccounts.class)
			.withPropertyValues("eventhorizon.processors.poison-policy=skip", "eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				deposit(context, 1, 666, 2);

				Reader picky = registration(context, "picky");
				assertThatExceptionOfType(EventHandlerFailedException.class).as("first attempt")
					.isThrownBy(picky::loadUntilRealtime)
					.withCauseInstanceOf(IllegalArgumentException.class);
				assertThatExceptionOfType(EventHandlerFailedException.class).as("second attempt")
					.isThrownBy(picky::loadUntilRealtime)
					.withCauseInstanceOf(IllegalArgumentException.class);
				picky.loadUntilRealtime();

				assertThat(context.getBean(PickyAccounts.class).total).isEqualTo(3);
				assertThat(context.getBean(MeterRegistry.class)
					.get("eventhorizon.entries.poisoned")
					.tag("processor", "picky")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void theSkipPolicySkipsAfterAsManyFailuresAsConfigured() {
		this.runner.withBean("picky", PickyAccounts.class)
			.withPropertyValues("eventhorizon.processors.poison-policy=skip", "eventhorizon.processors.poison-attempts=1",
					"eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				deposit(context, 1, 666, 2);

				registration(context, "picky").loadUntilRealtime();

				assertThat(context.getBean(PickyAccounts.class).total).isEqualTo(3);
			});
	}

	@Test
	void theHealthIndicatorCanBeSwitchedOffOrReplaced() {
		this.runner.withPropertyValues("management.health.eventhorizon.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonHealthIndicator.class));
		this.runner.withBean("eventHorizonHealthIndicator", String.class, () -> "mine")
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThereIsNoIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EventHorizonHealthIndicator.class));
	}

	@Test
	void withoutTheActuatorThereIsNoEndpointAndNoFailure() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EventHorizonEndpoint.class));
	}

	@Test
	void theEndpointIsThereOnlyWhenExposed() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EventHorizonAutoConfiguration.class, EventHorizonEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonEndpoint.class));
	}

	@Test
	void metricsCountProcessingAppendsAndAttemptsWithLowCardinalityTags() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				context.getBean(Bank.class).deposit("a1", 100);
				MeterRegistry meters = context.getBean(MeterRegistry.class);

				assertThat(meters.get("eventhorizon.entries.processed").tag("processor", "accounts").counter().count())
					.isEqualTo(2);
				assertThat(meters.get("eventhorizon.events.processed").tag("processor", "accounts").counter().count())
					.isEqualTo(2);
				assertThat(meters.get("eventhorizon.sync.lag").tag("processor", "accounts").timer().count())
					.isEqualTo(2);
				assertThat(meters.get("eventhorizon.appends").tag("outcome", "success").timer().count()).isEqualTo(1);
				assertThat(meters.get("eventhorizon.transactional.append.attempts")
					.tag("method", "Bank.deposit")
					.summary()
					.totalAmount()).isEqualTo(1);
				assertThat(meters.get("eventhorizon.processor.realtime.age").tag("processor", "accounts").gauge().value())
					.isBetween(0.0, 5.0);
				assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.noneSatisfy((tag) -> assertThat(tag.getValue()).startsWith("/")));
			});
	}

	@Test
	void theLagTimerMeasuresFromTheAppendToTheProcessing() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				EventLineCodec codec = context.getBean(EventLineCodec.class);
				context.getBean(EventLog.class)
					.append(StreamName.of("/bank"), codec.encode(List.of(Event.of(new Deposited("a1", 1),
							EventMeta.system(Instant.now().minusSeconds(30))))));

				registration(context, "accounts").loadUntilRealtime();

				assertThat(context.getBean(MeterRegistry.class)
					.get("eventhorizon.sync.lag")
					.tag("processor", "accounts")
					.timer()
					.max(TimeUnit.SECONDS)).isBetween(29.0, 40.0);
			});
	}

	@Test
	void metricsBackOffWithoutAMeterRegistryOrWhenSwitchedOff() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EventHorizonAutoConfiguration.class, EventHorizonMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonMetrics.class));
		this.runner.withPropertyValues("management.metrics.eventhorizon.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonMetrics.class));
	}

	@Test
	void theEndpointDescribesEveryProcessor() {
		this.runner.withUserConfiguration(BankConfiguration.class).run((context) -> {
			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.processor("accounts").cursor() != null);

			assertThat(endpoint.processors()).containsOnlyKeys("accounts");
			ProcessorDescriptor accounts = endpoint.processor("accounts");
			assertThat(accounts.stream()).isEqualTo("/bank");
			assertThat(accounts.cursor()).isEqualTo("/bank@0");
			assertThat(accounts.paused()).isFalse();
			assertThat(endpoint.processor("nobody")).isNull();
		});
	}

	@Test
	void pausingStopsTheSynchronizationAndResumingCatchesUp() {
		this.runner.withUserConfiguration(BankConfiguration.class).run((context) -> {
			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			Accounts accounts = context.getBean(Accounts.class);
			EventLineCodec codec = context.getBean(EventLineCodec.class);

			assertThat(endpoint.control("accounts", "pause").paused()).isTrue();
			Thread.sleep(100);
			context.getBean(EventLog.class)
				.append(StreamName.of("/bank"),
						codec.encode(List.of(Event.of(new Deposited("a1", 5), EventMeta.system(Instant.now())))));
			Thread.sleep(200);
			assertThat(accounts.balance("a1")).isZero();

			assertThat(endpoint.control("accounts", "resume").paused()).isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> accounts.balance("a1") == 5);
		});
	}

	@Test
	void syncLoadsAProcessorNowAndUnknownActionsAreRefused() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);

				assertThat(endpoint.control("accounts", "sync").cursor()).isEqualTo("/bank@0");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.control("accounts", "explode"))
					.withMessageContaining("Unknown action \"explode\"");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.control("accounts", "pause"))
					.withMessageContaining("the synchronizer is disabled");
				assertThat(context).doesNotHaveBean(EventHorizonSynchronizer.class);
			});
	}

	@Test
	void rebuildingAProcessorReplaysItsStreamWhileTheApplicationServes() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				Bank bank = context.getBean(Bank.class);
				bank.deposit("a1", 10);
				bank.deposit("a1", 20);
				EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
				long processedBefore = endpoint.processor("accounts").entriesProcessed();

				endpoint.control("accounts", "rebuild-from-beginning");

				await().atMost(Duration.ofSeconds(5))
					.until(() -> endpoint.processor("accounts").rebuild().state().equals(RebuildStatus.COMPLETED));
				ProcessorDescriptor rebuilt = endpoint.processor("accounts");
				assertThat(rebuilt.entriesProcessed()).isEqualTo(processedBefore + 3);
				assertThat(rebuilt.rebuild().entriesFed()).isEqualTo(3);
				assertThat(rebuilt.cursor()).isEqualTo("/bank@2");
				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(30);
				bank.deposit("a1", 1);
				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(31);
			});
	}

	@Test
	void aProcessorThatCannotForgetItsStateIsNotRebuiltAndTheEndpointSaysWhy() {
		this.runner.withBean("failing", FailingProcessor.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);

				endpoint.control("failing", "rebuild");

				await().atMost(Duration.ofSeconds(5))
					.until(() -> endpoint.processor("failing").rebuild().state().equals(RebuildStatus.FAILED));
				assertThat(endpoint.processor("failing").rebuild().error()).contains("cannot be reset");
			});
	}

	/** Refuses deposits of 666. */
	@EventProcessor(stream = "/bank")
	static class PickyAccounts {

		volatile long total;

		@EventHandler
		void on(Deposited deposited) {
			if (deposited.amount() == 666) {
				throw new IllegalArgumentException("unlucky amount");
			}
			this.total += deposited.amount();
		}

	}

	private static Health health(ApplicationContext context) {
		return context.getBean(EventHorizonHealthIndicator.class).health(true);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> processorDetails(Health health, String processor) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("processors")).get(processor);
	}

	private static Reader registration(ApplicationContext context, String name) {
		return context.getBean(EventProcessorRegistry.class).byName(name).orElseThrow().reader();
	}

	private static void deposit(ApplicationContext context, long... amounts) {
		EventLineCodec codec = context.getBean(EventLineCodec.class);
		for (long amount : amounts) {
			context.getBean(EventLog.class)
				.append(StreamName.of("/bank"),
						codec.encode(List.of(Event.of(new Deposited("a1", amount), EventMeta.system(Instant.now())))));
		}
	}

}
