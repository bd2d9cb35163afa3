package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.endpoint.EventHorizonEndpointAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.health.EventHorizonHealthContributorAutoConfiguration;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint.ProcessorDescriptor;
import io.eventhorizon.spring.endpoint.RebuildStatus;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild holds the processor's Reader for the whole replay. Started from the endpoint
 * it runs in the background: the caller has its answer while the replay is held inside a
 * handler, and the read operations and the health answer meanwhile.
 */
class EndpointRebuildTests {

	private static final Duration AT_ONCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class,
				EventHorizonHealthContributorAutoConfiguration.class, EventHorizonEndpointAutoConfiguration.class))
		.withBean("slow", SlowAccounts.class)
		.withPropertyValues("eventhorizon.synchronizer.enabled=false",
				"management.endpoints.web.exposure.include=eventhorizon");

	@Test
	void aRebuildAnswersAtOnceWhileTheReplayIsHeldInsideAHandler() {
		this.runner.run((context) -> {
			SlowAccounts slow = startedWithOneDeposit(context);
			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			try {
				ProcessorDescriptor answer = rebuild(endpoint, "rebuild-from-beginning");

				assertThat(answer.rebuild().state()).isEqualTo(RebuildStatus.RUNNING);
				assertThat(answer.rebuild().fromSnapshot()).isFalse();
				assertThat(slow.replaying.await(10, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				slow.release.countDown();
			}
		});
	}

	@Test
	void whileARebuildIsHeldTheReadOperationsAndTheHealthAnswerAndShowItRunning() {
		this.runner.run((context) -> {
			SlowAccounts slow = startedWithOneDeposit(context);
			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			EventHorizonHealthIndicator health = context.getBean(EventHorizonHealthIndicator.class);
			try {
				rebuild(endpoint, "rebuild-from-beginning");
				assertThat(slow.replaying.await(10, TimeUnit.SECONDS)).isTrue();

				Map<String, ProcessorDescriptor> all = assertTimeoutPreemptively(AT_ONCE, endpoint::processors);
				ProcessorDescriptor one = assertTimeoutPreemptively(AT_ONCE, () -> endpoint.processor("slow"));
				Status status = assertTimeoutPreemptively(AT_ONCE, () -> health.health(true).getStatus());

				assertThat(all.get("slow").rebuild().state()).isEqualTo(RebuildStatus.RUNNING);
				assertThat(one.rebuild().finishedAt()).isNull();
				assertThat(status).isEqualTo(Status.UP);
			}
			finally {
				slow.release.countDown();
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> endpoint.processor("slow").rebuild().state().equals(RebuildStatus.COMPLETED));
			assertThat(endpoint.processor("slow").rebuild().entriesFed()).isEqualTo(2);
			assertThat(slow.total).isEqualTo(3);
		});
	}

	@Test
	void whileARebuildRunsASecondRebuildAndASyncOfThatProcessorAreRefused() {
		this.runner.run((context) -> {
			SlowAccounts slow = startedWithOneDeposit(context);
			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			try {
				rebuild(endpoint, "rebuild");
				assertThat(slow.replaying.await(10, TimeUnit.SECONDS)).isTrue();

				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.control("slow", "rebuild-from-beginning"))
					.withMessageContaining("Processor 'slow' is being rebuilt since");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.control("slow", "sync"))
					.withMessageContaining("Processor 'slow' is being rebuilt");
			}
			finally {
				slow.release.countDown();
			}
		});
	}

	// Preemptive: a rebuild on the caller's thread would wait for the handler the test holds.
	private static ProcessorDescriptor rebuild(EventHorizonEndpoint endpoint, String action) {
		return assertTimeoutPreemptively(AT_ONCE, () -> endpoint.control("slow", action));
	}

	private static SlowAccounts startedWithOneDeposit(ApplicationContext context) {
		context.getBean(EventLog.class)
			.append(StreamName.of("/bank"), context.getBean(EventLineCodec.class)
				.encode(List.of(Event.of(new Deposited("a1", 3), EventMeta.system(Instant.now())))));
		context.getBean(EventProcessorRegistry.class).byName("slow").orElseThrow().reader().loadUntilRealtime();
		SlowAccounts slow = context.getBean(SlowAccounts.class);
		assertThat(slow.total).isEqualTo(3);
		return slow;
	}

	/** Once reset, holds the first event it replays until the test releases it. */
	@EventProcessor(stream = "/bank")
	static class SlowAccounts implements ResettableState {

		final CountDownLatch replaying = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean reset;

		volatile long total;

		@EventHandler
		void on(Deposited deposited) throws InterruptedException {
			if (this.reset) {
				this.replaying.countDown();
				this.release.await();
			}
			this.total += deposited.amount();
		}

		@Override
		public void resetState() {
			this.reset = true;
			this.total = 0;
		}

	}

}
