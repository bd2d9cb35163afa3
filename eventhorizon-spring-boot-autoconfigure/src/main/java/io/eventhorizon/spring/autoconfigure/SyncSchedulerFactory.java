package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.spring.EventHorizonSynchronizer;

import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Builds the synchronizer's own {@link TaskScheduler} from Spring Boot's builders, so that
 * what applies to Boot's scheduler applies to it too: {@code spring.task.scheduling.*}, a
 * {@code TaskDecorator} bean, the scheduler customizers and, where Boot uses them
 * ({@code spring.threads.virtual.enabled=true} on Java 21 or later), virtual threads. The
 * thread name prefix, the pool size and the shutdown wait are the synchronizer's own, from
 * {@code eventhorizon.synchronizer.*}.
 */
final class SyncSchedulerFactory {

	private SyncSchedulerFactory() {
	}

	/**
	 * Builds the scheduler.
	 * @param synchronizer the synchronizer's properties
	 * @param environment where Boot reads whether virtual threads are on
	 * @param threadPool Boot's builder of platform-thread schedulers
	 * @param simpleAsync Boot's builder of schedulers that start a thread per task
	 * @return a scheduler on virtual threads when Boot uses them, else a pool of platform
	 * threads
	 */
	static TaskScheduler create(EventHorizonProperties.Synchronizer synchronizer, Environment environment,
			ThreadPoolTaskSchedulerBuilder threadPool, SimpleAsyncTaskSchedulerBuilder simpleAsync) {
		if (Threading.VIRTUAL.isActive(environment)) {
			// Boot's own builder asks for virtual threads already; a fallback one does not.
			SimpleAsyncTaskScheduler scheduler = simpleAsync.virtualThreads(true)
				.threadNamePrefix(synchronizer.getThreadNamePrefix())
				.taskTerminationTimeout(synchronizer.getShutdownTimeout())
				.build();
			scheduler.setPhase(EventHorizonSynchronizer.PHASE);
			return scheduler;
		}
		ThreadPoolTaskScheduler scheduler = threadPool.poolSize(synchronizer.getThreads())
			.threadNamePrefix(synchronizer.getThreadNamePrefix())
			// The synchronizer has waited for its syncs already; what is left queued is
			// dropped work that would do nothing.
			.awaitTermination(false)
			.awaitTerminationPeriod(synchronizer.getShutdownTimeout())
			.build();
		// Keeps polling while the web server finishes its requests in a graceful shutdown;
		// the synchronizer itself stops in its own lifecycle phase.
		scheduler.setAcceptTasksAfterContextClose(true);
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

}
