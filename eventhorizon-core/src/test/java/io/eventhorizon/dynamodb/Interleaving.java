package io.eventhorizon.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Pauses a client's calls at chosen requests, before they are sent or after the server
 * executed them, to force an order on the steps of two actors.
 */
final class Interleaving implements ExecutionInterceptor {

	private final List<Step> beforeSending = new CopyOnWriteArrayList<>();

	private final List<Step> afterExecuted = new CopyOnWriteArrayList<>();

	void beforeSending(int times, Predicate<SdkRequest> request, Pause pause) {
		this.beforeSending.add(new Step(request, pause, new AtomicInteger(times)));
	}

	void afterExecuted(Predicate<SdkRequest> request, Pause pause) {
		afterExecuted(1, request, pause);
	}

	void afterExecuted(int times, Predicate<SdkRequest> request, Pause pause) {
		this.afterExecuted.add(new Step(request, pause, new AtomicInteger(times)));
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		this.beforeSending.forEach((step) -> step.runAt(context.request()));
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		this.afterExecuted.forEach((step) -> step.runAt(context.request()));
	}

	/** What the paused call waits for. */
	@FunctionalInterface
	interface Pause {

		void await() throws Exception;

	}

	private record Step(Predicate<SdkRequest> request, Pause pause, AtomicInteger timesLeft) {

		void runAt(SdkRequest sent) {
			if (this.request.test(sent) && this.timesLeft.getAndDecrement() > 0) {
				try {
					this.pause.await();
				}
				catch (Exception ex) {
					throw new IllegalStateException("The interleaving broke down", ex);
				}
			}
		}

	}

}
