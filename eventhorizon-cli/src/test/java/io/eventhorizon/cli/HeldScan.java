package io.eventhorizon.cli;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.eventhorizon.testing.Latches;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Interceptors that make a command's scan read one item a page and hold it once, at a chosen
 * page, until the test has written what the scan should miss.
 */
final class HeldScan {

	private HeldScan() {
	}

	// Holds a scan once it has left `stream`'s partition, after reading it: the scan
	// does not come back to it.
	static ExecutionInterceptor afterLeaving(String stream, CountDownLatch scanned, CountDownLatch resume) {
		AtomicBoolean seen = new AtomicBoolean();
		return afterPage((item) -> {
			boolean inStream = stream.equals(item.get(EventItems.STREAM).s());
			seen.compareAndSet(false, inStream);
			return !inStream && seen.get();
		}, scanned, resume);
	}

	// Holds a scan once, after the page of `cursor`.
	static ExecutionInterceptor afterItem(String cursor, CountDownLatch scanned, CountDownLatch resume) {
		return afterPage(
				(item) -> cursor.equals(item.get(EventItems.STREAM).s() + "@" + item.get(EventItems.VERSION).n()),
				scanned, resume);
	}

	// Makes a scan read one item a page, and holds it once, after the first page whose
	// item matches.
	private static ExecutionInterceptor afterPage(Predicate<Map<String, AttributeValue>> holdAfter,
			CountDownLatch scanned, CountDownLatch resume) {
		AtomicBoolean held = new AtomicBoolean();
		return new ExecutionInterceptor() {

			@Override
			public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
				return (context.request() instanceof ScanRequest scan) ? scan.toBuilder().limit(1).build()
						: context.request();
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (!(context.response() instanceof ScanResponse page) || page.items().isEmpty()) {
					return;
				}
				if (holdAfter.test(page.items().get(0)) && held.compareAndSet(false, true)) {
					scanned.countDown();
					Latches.await(resume);
				}
			}

		};
	}

}
