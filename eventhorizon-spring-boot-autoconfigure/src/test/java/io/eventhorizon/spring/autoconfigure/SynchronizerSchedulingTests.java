package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.ProcessorStatus;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The synchronizer runs on a scheduler of its own, built by Spring Boot's builders: Boot's
 * task decorator and virtual threads apply to it, the application's {@code @Scheduled}
 * methods do not share it, and an application may replace it.
 */
class SynchronizerSchedulingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskSchedulingAutoConfiguration.class, EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()))
		.withBean("gate", GatedProcessor.class);

	@Test
	void syncsRunOnThreadsNamedAfterTheSynchronizer() {
		this.runner.withPropertyValues("eventhorizon.synchronizer.thread-name-prefix=bank-sync-").run((context) -> {
			GatedProcessor gate = appendAndAwaitApplied(context.getBean(EventHorizonTemplate.class),
					context.getBean(GatedProcessor.class));

			assertThat(gate.lastThread.getName()).startsWith("bank-sync-");
			assertThat(context.getBean(EventHorizonAutoConfiguration.SYNC_SCHEDULER))
				.isInstanceOf(ThreadPoolTaskScheduler.class);
		});
	}

	@Test
	void aTaskDecoratorBeanWrapsEverySync() {
		TaskDecorator decorator = (task) -> () -> {
			GatedProcessor.DECORATION.set("request-42");
			try {
				task.run();
			}
			finally {
				GatedProcessor.DECORATION.remove();
			}
		};
		this.runner.withBean(TaskDecorator.class, () -> decorator).run((context) -> {
			GatedProcessor gate = appendAndAwaitApplied(context.getBean(EventHorizonTemplate.class),
					context.getBean(GatedProcessor.class));

			assertThat(gate.lastDecoration).isEqualTo("request-42");
		});
	}

	@Test
	void virtualThreadsRunTheSyncsWhereverBootUsesThem() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			GatedProcessor gate = appendAndAwaitApplied(context.getBean(EventHorizonTemplate.class),
					context.getBean(GatedProcessor.class));

			// Boot uses virtual threads only on Java 21 or later; on Java 17 it ignores the
			// property for its own scheduler, and so does the synchronizer.
			boolean bootUsesVirtualThreads = Threading.VIRTUAL.isActive(context.getEnvironment());
			assertThat(isVirtual(gate.lastThread)).isEqualTo(bootUsesVirtualThreads);
			assertThat(gate.lastThread.getName()).startsWith("eventhorizon-sync-");
			assertThat(context.getBean(EventHorizonAutoConfiguration.SYNC_SCHEDULER)).isInstanceOf(
					bootUsesVirtualThreads ? SimpleAsyncTaskScheduler.class : ThreadPoolTaskScheduler.class);
		});
	}

	@Test
	void theApplicationsScheduledMethodsKeepBootsSchedulerAndNeverTakeTheSynchronizersThreads() {
		this.runner.withUserConfiguration(Housekeeping.class).run((context) -> {
			Housekeeping housekeeping = context.getBean(Housekeeping.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> housekeeping.thread != null);

			assertThat(context).hasBean("taskScheduler");
			assertThat(housekeeping.thread).startsWith("scheduling-");
			appendAndAwaitApplied(context.getBean(EventHorizonTemplate.class), context.getBean(GatedProcessor.class));
		});
	}

	@Test
	void anApplicationsSchedulerUnderTheSynchronizersNameReplacesIt() {
		SimpleAsyncTaskScheduler mine = new SimpleAsyncTaskScheduler();
		mine.setThreadNamePrefix("mine-");
		this.runner.withBean(EventHorizonAutoConfiguration.SYNC_SCHEDULER, TaskScheduler.class, () -> mine)
			.run((context) -> {
				GatedProcessor gate = appendAndAwaitApplied(context.getBean(EventHorizonTemplate.class),
						context.getBean(GatedProcessor.class));

				assertThat(context.getBean(EventHorizonAutoConfiguration.SYNC_SCHEDULER)).isSameAs(mine);
				assertThat(gate.lastThread.getName()).startsWith("mine-");
			});
	}

	@Test
	void manyThreadsAskingToSyncABusyProcessorQueueAtMostOneTaskForIt() {
		CountingScheduler scheduler = new CountingScheduler();
		this.runner.withBean(EventHorizonAutoConfiguration.SYNC_SCHEDULER, TaskScheduler.class, () -> scheduler)
			.withPropertyValues("eventhorizon.synchronizer.poll-interval=1h")
			.run((context) -> {
				GatedProcessor gate = context.getBean(GatedProcessor.class);
				EventHorizonSynchronizer synchronizer = context.getBean(EventHorizonSynchronizer.class);
				EventHorizonTemplate template = context.getBean(EventHorizonTemplate.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> synchronizer.status("gate").flatMap(ProcessorStatus::lastSuccess).isPresent());
				gate.arm();
				template.append("/gate", new Deposited("a1", 1));
				gate.awaitEntered();

				List<LogEntry> appended = GatedProcessor.append(template, context.getBean(EventLog.class), 50);

				GatedProcessor.offerFromEightThreadsAtOnce(synchronizer, appended);

				// The next poll, planned an hour ahead, is all that waits: the requests wait
				// for the running sync, which takes them on when it ends.
				assertThat(scheduler.waiting.get()).isEqualTo(1);
				gate.release();
				await().atMost(Duration.ofSeconds(10)).until(() -> gate.applied.size() == 1 + appended.size());
				assertThat(scheduler.mostWaiting.get()).isLessThanOrEqualTo(2);
			});
	}

	private static GatedProcessor appendAndAwaitApplied(EventHorizonTemplate template, GatedProcessor gate) {
		int before = gate.applied.size();
		template.append("/gate", new Deposited("a1", 1));
		await().atMost(Duration.ofSeconds(5)).until(() -> gate.applied.size() > before);
		return gate;
	}

	// Thread.isVirtual() is Java 21 API; the build targets Java 17.
	private static boolean isVirtual(@Nullable Thread thread) throws ReflectiveOperationException {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/** An application's own scheduled job. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Housekeeping {

		volatile @Nullable String thread;

		@Scheduled(fixedDelay = 10)
		void sweep() {
			this.thread = Thread.currentThread().getName();
		}

	}

	/**
	 * A scheduler that counts the tasks waiting to start, at most and now.
	 */
	static class CountingScheduler extends ThreadPoolTaskScheduler {

		final AtomicInteger waiting = new AtomicInteger();

		final AtomicInteger mostWaiting = new AtomicInteger();

		CountingScheduler() {
			setPoolSize(4);
			initialize();
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			return super.schedule(counted(task), startTime);
		}

		@Override
		public void execute(Runnable task) {
			super.execute(counted(task));
		}

		private Runnable counted(Runnable task) {
			this.mostWaiting.accumulateAndGet(this.waiting.incrementAndGet(), Math::max);
			return () -> {
				this.waiting.decrementAndGet();
				task.run();
			};
		}

	}

}
