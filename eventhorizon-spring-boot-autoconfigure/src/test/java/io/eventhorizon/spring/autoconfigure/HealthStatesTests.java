package io.eventhorizon.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.EventHorizonSynchronizerTests.FailingProcessor;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a load balancer sees: DOWN only for a processor that fails or is stuck, never for
 * one paused on purpose or for an idle application that does not synchronize. The
 * indicator's clock is moved by the test, far past {@code stuckAfter}.
 */
class HealthStatesTests {

	private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withUserConfiguration(BankConfiguration.class)
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=20ms");

	private final MovableClock clock = new MovableClock();

	@Test
	void aProcessorPausedForLongIsShownAsPausedAndTheApplicationStaysUp() {
		this.runner.run((context) -> {
			EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> synchronizer.status("accounts").flatMap((status) -> status.lastSuccess()).isPresent());
			EventHorizonHealthIndicator health = indicator(context);
			synchronizer.pause("accounts");

			this.clock.advance(STUCK_AFTER.multipliedBy(10));

			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(processorDetails(health.health(true), "accounts")).containsEntry("state", "PAUSED")
				.containsEntry("paused", true);
		});
	}

	@Test
	void aPausedProcessorThatHadFailedIsNotDownEither() {
		this.runner.withBean("failing", FailingProcessor.class)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=5ms", "eventhorizon.synchronizer.max-backoff=10ms")
			.run((context) -> {
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				EventHorizonHealthIndicator health = indicator(context);
				await().atMost(Duration.ofSeconds(5)).until(() -> health.health(true).getStatus().equals(Status.DOWN));

				synchronizer.pause("failing");

				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
				assertThat(processorDetails(health.health(true), "failing")).containsEntry("state", "PAUSED")
					.hasEntrySatisfying("lastError", (error) -> assertThat((String) error).contains("database down"));
			});
	}

	@Test
	void anIdleApplicationWithoutSynchronizerIsUpAndSaysItsProcessorsFollowOnDemand() {
		this.runner.withPropertyValues("eventhorizon.synchronizer.enabled=false").run((context) -> {
			EventHorizonHealthIndicator health = indicator(context);

			this.clock.advance(STUCK_AFTER.multipliedBy(10));

			Health idle = health.health(true);
			assertThat(idle.getStatus()).isEqualTo(Status.UP);
			assertThat(idle.getDetails()).containsEntry("synchronizer", "disabled");
			assertThat(processorDetails(idle, "accounts")).containsEntry("state", "ON_DEMAND")
				.containsEntry("lastRealtime", "never");
		});
	}

	@Test
	void withoutSynchronizerACommandStillBringsTheProcessorToRealtime() {
		this.runner.withPropertyValues("eventhorizon.synchronizer.enabled=false").run((context) -> {
			EventHorizonHealthIndicator health = indicator(context);

			context.getBean(Bank.class).deposit("a1", 5);

			assertThat(processorDetails(health.health(true), "accounts")).containsEntry("state", "ON_DEMAND")
				.containsEntry("cursor", "/bank@1");
		});
	}

	@Test
	void aRunningProcessorHeldInsideAnEntryForLongIsStuckAndDown() {
		this.runner.withBean("blocked", BlockedAccounts.class).run((context) -> {
			BlockedAccounts blocked = context.getBean(BlockedAccounts.class);
			EventHorizonHealthIndicator health = indicator(context);
			try {
				context.getBean(EventLog.class)
					.append(StreamName.of("/bank"), context.getBean(EventLineCodec.class)
						.encode(List.of(Event.of(new Deposited("a1", 3), EventMeta.system(Instant.now())))));
				assertThat(blocked.entered.await(5, TimeUnit.SECONDS)).isTrue();

				this.clock.advance(STUCK_AFTER.multipliedBy(10));

				assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
				assertThat(processorDetails(health.health(true), "blocked")).containsEntry("state", "STUCK");
			}
			finally {
				blocked.release.countDown();
			}
		});
	}

	/** Holds its first event until the test releases it. */
	@EventProcessor(stream = "/bank")
	static class BlockedAccounts {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@EventHandler
		void on(Deposited deposited) throws InterruptedException {
			this.entered.countDown();
			this.release.await();
		}

	}

	private EventHorizonHealthIndicator indicator(ApplicationContext context) {
		return new EventHorizonHealthIndicator(context.getBean(EventProcessorRegistry.class),
				context.getBeanProvider(EventHorizonSynchronizer.class).getIfAvailable(), 2, STUCK_AFTER, this.clock);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> processorDetails(Health health, String processor) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("processors")).get(processor);
	}

	/** The system's time, plus however far the test moved it. */
	private static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration duration) {
			this.offset = this.offset.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
