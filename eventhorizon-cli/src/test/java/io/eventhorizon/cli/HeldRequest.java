package io.eventhorizon.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Holds the first request that matches, just before it is sent or just after its response
 * came, until the test releases it: the other actor does its work in between.
 */
final class HeldRequest implements ExecutionInterceptor {

	private final Predicate<SdkRequest> matching;

	private final boolean afterResponse;

	private final AtomicBoolean held = new AtomicBoolean();

	private final CountDownLatch reached = new CountDownLatch(1);

	private final CountDownLatch released = new CountDownLatch(1);

	private HeldRequest(Predicate<SdkRequest> matching, boolean afterResponse) {
		this.matching = matching;
		this.afterResponse = afterResponse;
	}

	static HeldRequest beforeSending(Predicate<SdkRequest> matching) {
		return new HeldRequest(matching, false);
	}

	static HeldRequest afterResponse(Predicate<SdkRequest> matching) {
		return new HeldRequest(matching, true);
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		if (!this.afterResponse) {
			holdIfMatching(context.request());
		}
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		if (this.afterResponse) {
			holdIfMatching(context.request());
		}
	}

	/** Waits until the request is held. */
	void awaitHeld() throws InterruptedException {
		if (!this.reached.await(20, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The request was never made");
		}
	}

	void release() {
		this.released.countDown();
	}

	private void holdIfMatching(SdkRequest request) {
		if (this.matching.test(request) && this.held.compareAndSet(false, true)) {
			this.reached.countDown();
			try {
				if (!this.released.await(20, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The test never released " + request);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
