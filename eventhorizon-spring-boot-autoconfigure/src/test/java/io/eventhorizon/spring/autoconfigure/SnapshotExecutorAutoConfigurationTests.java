package io.eventhorizon.spring.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.autoconfigure.AnnotatedProcessorTests.Wallet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots are written on an executor the context owns and closes, which an application
 * may replace.
 */
class SnapshotExecutorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages
			.register((BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()))
		.withBean("wallet", Wallet.class)
		.withPropertyValues("eventhorizon.synchronizer.enabled=false", "eventhorizon.snapshots.min-interval=0s");

	@Test
	void snapshotsAreWrittenOnAnExecutorOfTheContext() {
		this.runner.run((context) -> assertThat(context)
			.getBean(EventHorizonAutoConfiguration.SNAPSHOT_EXECUTOR, SimpleAsyncTaskExecutor.class)
			.isNotNull());
	}

	@Test
	void theApplicationsOwnSnapshotExecutorReplacesItAndIsUsedByTheReaders() {
		CountingExecutor mine = new CountingExecutor();
		this.runner.withBean(EventHorizonAutoConfiguration.SNAPSHOT_EXECUTOR, Executor.class, () -> mine)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SimpleAsyncTaskExecutor.class);
				context.getBean(Wallet.class).pay("a1", 5);

				context.getBean(EventProcessorRegistry.class).byName("wallet").orElseThrow().reader().loadUntilRealtime();

				assertThat(mine.tasks).hasPositiveValue();
			});
	}

	@Test
	void theShutdownTimeoutMustNotBeNegative() {
		this.runner.withPropertyValues("eventhorizon.snapshots.shutdown-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("eventhorizon.snapshots.shutdown-timeout"));
	}

	/** Runs snapshot writes on the caller's thread, counting them. */
	static final class CountingExecutor implements Executor {

		final AtomicInteger tasks = new AtomicInteger();

		@Override
		public void execute(Runnable task) {
			this.tasks.incrementAndGet();
			task.run();
		}

	}

}
