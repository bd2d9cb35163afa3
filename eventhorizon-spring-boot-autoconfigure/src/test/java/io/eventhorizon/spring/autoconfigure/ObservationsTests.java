package io.eventhorizon.spring.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Withdrawn;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * With an {@code ObservationRegistry}, appends, command attempts and processor batches are
 * observed, with the processor, the stream's top segment and the outcome as low-cardinality
 * keys and the stream and cursor as high-cardinality ones.
 */
class ObservationsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
				BankFixtures.class.getPackageName()))
		.withUserConfiguration(BankConfiguration.class, ObservationConfiguration.class)
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void anAppendIsObservedWithItsStreamAndTheCursorItWrote() {
		this.runner.run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);

			context.getBean(EventHorizonTemplate.class).append("/bank", new Deposited("a1", 5));

			TestObservationRegistryAssert.assertThat(observations)
				.hasNumberOfObservationsWithNameEqualTo("eventhorizon.append", 1)
				.hasObservationWithNameEqualTo("eventhorizon.append")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("eventhorizon.stream.top", "bank")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasHighCardinalityKeyValue("eventhorizon.stream", "/bank")
				.hasHighCardinalityKeyValue("eventhorizon.cursor", "/bank@1");
		});
	}

	@Test
	void aCommandThatLosesARaceIsObservedOncePerAttemptConflictThenSuccess() {
		this.runner.run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			EventLog log = context.getBean(EventLog.class);
			EventLineCodec codec = context.getBean(EventLineCodec.class);
			// The rival is another thread, which appends while the command's first attempt
			// has validated and not yet committed: the command waits for it.
			Runnable rival = () -> CompletableFuture
				.runAsync(() -> log.append(StreamName.of("/bank"),
						codec.encode(List.of(Event.of(new Deposited("a1", 1), EventMeta.system(Instant.EPOCH))))))
				.orTimeout(10, TimeUnit.SECONDS)
				.join();

			context.getBean(Bank.class).depositTwiceAroundARival("a1", 5, rival);

			TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy((contexts) -> {
				List<Observation.Context> attempts = contexts.stream()
					.filter((observed) -> "eventhorizon.command.attempt".equals(observed.getName()))
					.toList();
				assertThat(attempts).extracting((attempt) -> attempt.getLowCardinalityKeyValue("outcome").getValue())
					.containsExactly("conflict", "success");
				Observation.Context second = attempts.get(1);
				assertThat(second.getLowCardinalityKeyValue("eventhorizon.command").getValue())
					.isEqualTo("Bank.depositTwiceAroundARival");
				assertThat(second.getLowCardinalityKeyValue("eventhorizon.processor").getValue()).isEqualTo("accounts");
				assertThat(second.getLowCardinalityKeyValue("eventhorizon.stream.top").getValue()).isEqualTo("bank");
				assertThat(second.getHighCardinalityKeyValue("eventhorizon.cursor").getValue())
					.as("validated after reading the rival's entry")
					.isEqualTo("/bank@1");
			});
		});
	}

	@Test
	void aCommandThatFailsItsValidationIsObservedAsAnError() {
		this.runner.run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);

			assertThatIllegalStateException().isThrownBy(() -> context.getBean(Bank.class).withdraw("a1", 5));

			TestObservationRegistryAssert.assertThat(observations)
				.hasNumberOfObservationsWithNameEqualTo("eventhorizon.command.attempt", 1)
				.hasObservationWithNameEqualTo("eventhorizon.command.attempt")
				.that()
				.hasLowCardinalityKeyValue("outcome", "error")
				.hasLowCardinalityKeyValue("eventhorizon.command", "Bank.withdraw")
				.assertThatError()
				.hasMessageContaining("insufficient funds in a1");
		});
	}

	@Test
	void aProcessorBatchIsObservedWithTheProcessorAndTheCursorOfItsEntry() {
		this.runner.run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			context.getBean(EventHorizonTemplate.class).append("/bank", new Deposited("a1", 5));

			context.getBean(EventProcessorRegistry.class).byName("accounts").orElseThrow().reader().loadUntilRealtime();

			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observed) -> observed.hasNameEqualTo("eventhorizon.processor.batch")
					.hasLowCardinalityKeyValue("eventhorizon.processor", "accounts")
					.hasLowCardinalityKeyValue("eventhorizon.stream.top", "bank")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasHighCardinalityKeyValue("eventhorizon.stream", "/bank")
					.hasHighCardinalityKeyValue("eventhorizon.cursor", "/bank@1"));
		});
	}

	@Test
	void aProcessorBatchThatFailsIsObservedAsAnErrorAtTheProcessorsCursor() {
		this.runner.withUserConfiguration(FailingLedgerConfiguration.class).run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			context.getBean(EventHorizonTemplate.class).append("/bank", new Withdrawn("a1", 5));

			assertThatException().isThrownBy(() -> context.getBean(EventProcessorRegistry.class)
				.byName("ledger")
				.orElseThrow()
				.reader()
				.loadUntilRealtime());

			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observed) -> observed.hasNameEqualTo("eventhorizon.processor.batch")
					.hasLowCardinalityKeyValue("eventhorizon.processor", "ledger")
					.hasLowCardinalityKeyValue("outcome", "error")
					.hasHighCardinalityKeyValue("eventhorizon.cursor", "/bank@0"));
		});
	}

	@Test
	void aReadModelOfATreeIsObservedPerBatchWithTheStreamOfItsEntry() {
		this.runner.withUserConfiguration(TreeLedgerConfiguration.class).run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			context.getBean(EventLog.class).createStream(StreamName.of("/bank/a1"));
			context.getBean(EventHorizonTemplate.class).append("/bank/a1", new Deposited("a1", 5));

			context.getBean(EventProcessorRegistry.class).treeByName("treeLedger").orElseThrow().reader()
				.loadUntilRealtime();

			TestObservationRegistryAssert.assertThat(observations)
				.hasAnObservation((observed) -> observed.hasNameEqualTo("eventhorizon.processor.batch")
					.hasLowCardinalityKeyValue("eventhorizon.processor", "treeLedger")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasHighCardinalityKeyValue("eventhorizon.stream", "/bank/a1")
					.hasHighCardinalityKeyValue("eventhorizon.cursor", "/bank/a1@1"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingLedgerConfiguration {

		@Bean
		FailingLedger ledger() {
			return new FailingLedger();
		}

	}

	/** Cannot apply a withdrawal. */
	@EventProcessor(stream = "/bank")
	static class FailingLedger {

		@EventHandler
		void on(Withdrawn withdrawn) {
			throw new IllegalStateException("cannot apply " + withdrawn);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TreeLedgerConfiguration {

		@Bean
		TreeLedger treeLedger() {
			return new TreeLedger();
		}

	}

	/** Follows every stream below /bank. */
	@EventProcessor(tree = "/bank")
	static class TreeLedger {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

}
