package io.eventhorizon.spring.jdbc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where two instances meet inside a read model's handler: holds the first instance inside
 * the handler of the contested deposit until the test releases it, and counts the
 * instances that get there. Thread-safe.
 */
final class Rendezvous {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	final String contested;

	final CountDownLatch firstInside = new CountDownLatch(1);

	final CountDownLatch secondInside = new CountDownLatch(1);

	final CountDownLatch releaseFirst = new CountDownLatch(1);

	final AtomicInteger arrivals = new AtomicInteger();

	Rendezvous(String contested) {
		this.contested = contested;
	}

	void arrive(String account) {
		if (!account.equals(this.contested)) {
			return;
		}
		if (this.arrivals.incrementAndGet() == 1) {
			holdTheFirst();
		}
		else {
			this.secondInside.countDown();
		}
	}

	void holdTheFirst() {
		this.firstInside.countDown();
		awaitLatch(this.releaseFirst);
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("latch released in time").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
