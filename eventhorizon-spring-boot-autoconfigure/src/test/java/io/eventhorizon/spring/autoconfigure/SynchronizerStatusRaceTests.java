package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.ProcessorStatus;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.testing.ForwardingEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll and a requested sync of one processor may run at once on two threads; what the
 * synchronizer reports of the processor is the outcome of the later one, never a stale
 * outcome written last.
 */
class SynchronizerStatusRaceTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()));

	private final Logger synchronizerLogger = (Logger) LoggerFactory.getLogger(EventHorizonSynchronizer.class);

	private final RecoveryGate gate = new RecoveryGate();

	@AfterEach
	void detachGate() {
		this.gate.released.countDown();
		this.synchronizerLogger.detachAppender(this.gate);
		this.synchronizerLogger.setLevel(null);
	}

	@Test
	void aPollThatSawTheStreamMissingDoesNotOverwriteALaterSyncThatFoundIt() {
		SwitchableEventLog log = new SwitchableEventLog();
		this.gate.start();
		this.synchronizerLogger.addAppender(this.gate);
		this.synchronizerLogger.setLevel(Level.INFO);
		this.runner.withBean("accounts", Accounts.class)
			.withBean(SwitchableEventLog.class, () -> log)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1h",
					"eventhorizon.synchronizer.max-backoff=100ms", "eventhorizon.synchronizer.threads=2")
			.run((context) -> {
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				await().atMost(PATIENCE).until(() -> synchronizer.status("accounts")
					.map(ProcessorStatus::failures)
					.orElse(0L) > 0);

				// The poll after the backoff finds the stream missing, and stops just after
				// its read, before it records what it found.
				log.mode = Mode.MISSING;
				await().atMost(PATIENCE).until(() -> this.gate.entered.getCount() == 0);

				// Meanwhile another instance creates the stream and a requested sync reads it.
				log.mode = Mode.THERE;
				synchronizer.requestSync(BANK);
				await().atMost(PATIENCE).until(() -> log.readsOfAnExistingStream.get() > 0 || aSyncThreadIsBlocked());
				this.gate.released.countDown();

				await().atMost(PATIENCE)
					.untilAsserted(() -> assertThat(synchronizer.status("accounts").orElseThrow().isWaitingForStream())
						.as("waiting for a stream that a later sync found")
						.isFalse());
				assertThat(log.readsOfAnExistingStream.get()).isPositive();
			});
	}

	private static boolean aSyncThreadIsBlocked() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().startsWith("eventhorizon-sync-")
					&& thread.getState() == Thread.State.BLOCKED);
	}

	enum Mode {

		FAILING, MISSING, THERE

	}

	/** An event log whose stream fails, is missing or is there, as the test switches it. */
	static final class SwitchableEventLog extends ForwardingEventLog {

		volatile Mode mode = Mode.FAILING;

		final AtomicInteger readsOfAnExistingStream = new AtomicInteger();

		SwitchableEventLog() {
			super(new InMemoryEventLog());
		}

		@Override
		public ReadResult read(Cursor after) {
			if (after.stream().equals(BANK)) {
				switch (this.mode) {
					case FAILING -> throw new IllegalStateException("database down");
					case MISSING -> throw new StreamNotFoundException(BANK);
					case THERE -> this.readsOfAnExistingStream.incrementAndGet();
				}
			}
			return super.read(after);
		}

	}

	/**
	 * Holds the first sync that logs the end of an outage: it has read already and not
	 * yet recorded its outcome.
	 */
	static final class RecoveryGate extends AppenderBase<ILoggingEvent> {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch released = new CountDownLatch(1);

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getFormattedMessage().contains("succeed again after") && this.entered.getCount() > 0) {
				this.entered.countDown();
				try {
					this.released.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
