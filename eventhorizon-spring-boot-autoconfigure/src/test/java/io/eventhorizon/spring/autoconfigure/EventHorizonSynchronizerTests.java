package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.ProcessorStatus;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The synchronizer polls every processor on its own schedule, never runs one processor
 * twice at once, backs off while it fails, syncs at once after an append, keeps what waits
 * for a busy processor to one sync, and stops gracefully.
 */
class EventHorizonSynchronizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()));

	@Test
	void anAppendInThisApplicationIsSyncedAtOnceNotAtTheNextPoll() {
		this.runner.withBean("accounts", Accounts.class)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1h")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(5))
					.until(() -> context.getBean(EventHorizonSynchronizer.class).status("accounts")
						.flatMap(ProcessorStatus::lastSuccess)
						.isPresent());

				context.getBean(EventHorizonTemplate.class).append("/bank", new Deposited("a1", 7));

				await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(Accounts.class).balance("a1") == 7);
			});
	}

	@Test
	void aFailingProcessorIsPolledLessAndLessOftenAndReported() {
		this.runner.withBean("failing", FailingProcessor.class)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=10ms",
					"eventhorizon.synchronizer.max-backoff=10s")
			.run((context) -> {
				FailingProcessor failing = context.getBean(FailingProcessor.class);
				Thread.sleep(500);

				// Without backoff 50 polls would fit; with it 10, 20, 40, 80, 160, 320 ms.
				assertThat(failing.calls.get()).isBetween(3, 9);
				ProcessorStatus status = context.getBean(EventHorizonSynchronizer.class).status("failing").orElseThrow();
				assertThat(status.consecutiveFailures()).isGreaterThanOrEqualTo(3);
				assertThat(status.lastError()).hasValueSatisfying((error) -> assertThat(error).contains("database down"));
				assertThat(status.lastSuccess()).isEmpty();
			});
	}

	@Test
	void oneProcessorIsNeverSyncedByTwoThreadsAtOnce() {
		this.runner.withBean("slow", SlowProcessor.class)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1ms", "eventhorizon.synchronizer.max-backoff=1ms",
					"eventhorizon.synchronizer.threads=4")
			.run((context) -> {
				SlowProcessor slow = context.getBean(SlowProcessor.class);
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				for (int i = 0; i < 50; i++) {
					synchronizer.requestSync(SlowProcessor.STREAM);
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> slow.calls.get() > 60);

				assertThat(slow.mostAtOnce.get()).isEqualTo(1);
			});
	}

	@Test
	void stoppingEndsThePolls() {
		this.runner.withBean("slow", SlowProcessor.class)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1ms", "eventhorizon.synchronizer.max-backoff=1ms")
			.run((context) -> {
				SlowProcessor slow = context.getBean(SlowProcessor.class);
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> slow.calls.get() > 5);

				synchronizer.stop();
				int callsAtStop = slow.calls.get();
				Thread.sleep(100);

				assertThat(synchronizer.isRunning()).isFalse();
				assertThat(slow.calls.get()).isLessThanOrEqualTo(callsAtStop + 1);
			});
	}

	@Test
	void aBurstOfOffersAndSyncRequestsForABusyProcessorQueuesOneSyncNotOnePerRequest() {
		CountingEventLog log = new CountingEventLog(GatedProcessor.STREAM);
		this.runner.withBean("gate", GatedProcessor.class)
			.withBean(CountingEventLog.class, () -> log)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1h", "eventhorizon.synchronizer.threads=4")
			.run((context) -> {
				GatedProcessor gate = context.getBean(GatedProcessor.class);
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				EventHorizonTemplate template = context.getBean(EventHorizonTemplate.class);
				awaitFirstPoll(synchronizer, "gate");
				gate.arm();
				template.append("/gate", new Deposited("a1", 1));
				gate.awaitEntered();
				List<LogEntry> appended = GatedProcessor.append(template, log, 10);
				log.reads.set(0);

				// Eight threads at once offer the entries and ask for syncs while the
				// processor is busy.
				GatedProcessor.offerFromEightThreadsAtOnce(synchronizer, appended);
				gate.release();
				await().atMost(Duration.ofSeconds(10)).until(() -> gate.applied.size() == 1 + appended.size());
				// Everything still queued runs, or is dropped, before stop() returns.
				synchronizer.stop();

				// One sync served all 170 calls: it offered the newest entry, which read the
				// rest, and synced once; without coalescing every request read.
				assertThat(log.reads.get()).isLessThanOrEqualTo(2);
				assertThat(gate.applied).doesNotHaveDuplicates().isSorted().hasSize(1 + appended.size());
			});
	}

	@Test
	void closingTheContextLetsTheRunningEntryFinishAndStartsNoQueuedSync() {
		CountingEventLog log = new CountingEventLog(GatedProcessor.STREAM);
		this.runner.withBean("gate", GatedProcessor.class)
			.withBean(CountingEventLog.class, () -> log)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1h")
			.run((context) -> {
				GatedProcessor gate = context.getBean(GatedProcessor.class);
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				awaitFirstPoll(synchronizer, "gate");
				gate.arm();
				Cursor blocked = context.getBean(EventHorizonTemplate.class).append("/gate", new Deposited("a1", 1));
				gate.awaitEntered();
				for (int i = 0; i < 3; i++) {
					synchronizer.requestSync(GatedProcessor.STREAM);
				}
				log.reads.set(0);

				Thread closer = new Thread(context::close, "closer");
				closer.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> !synchronizer.isRunning());
				// The handler is still inside its entry: the close waits for it.
				assertThat(closer.isAlive()).isTrue();
				gate.release();
				closer.join(Duration.ofSeconds(10).toMillis());

				assertThat(closer.isAlive()).isFalse();
				assertThat(gate.applied).containsExactly(blocked.version());
				assertThat(log.reads.get()).as("reads of syncs started after the close began").isZero();
			});
	}

	private static void awaitFirstPoll(EventHorizonSynchronizer synchronizer, String processor) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> synchronizer.status(processor).flatMap(ProcessorStatus::lastSuccess).isPresent());
	}

	/** A processor whose database is down, until a test brings it back. */
	public static class FailingProcessor implements EventsProcessor {

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean down = true;

		private volatile boolean discovered;

		@Override
		public void processEvents(EntryHandler handler) {
			if (this.discovered && this.down) {
				this.calls.incrementAndGet();
				throw new IllegalStateException("database down");
			}
			this.discovered = true;
			handler.handle(StreamName.of("/ledger").beginning(), (event) -> {
			}, (cursor) -> {
			});
		}

		@Override
		public EventTypes eventTypes() {
			return EventTypes.of(Deposited.class);
		}

	}

	/**
	 * A processor that takes its time over its first entry, and fails it, again and again,
	 * counting how many threads are inside at once.
	 */
	static class SlowProcessor implements EventsProcessor {

		static final StreamName STREAM = StreamName.of("/slow");

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		private volatile boolean discovered;

		@Override
		public void processEvents(EntryHandler handler) {
			if (!this.discovered) {
				this.discovered = true;
				handler.handle(STREAM.beginning(), (event) -> {
				}, (committed) -> {
				});
				return;
			}
			this.calls.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				Thread.sleep(1);
				throw new IllegalStateException("still slow");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

		@Override
		public EventTypes eventTypes() {
			return EventTypes.of(Deposited.class);
		}

	}

}
