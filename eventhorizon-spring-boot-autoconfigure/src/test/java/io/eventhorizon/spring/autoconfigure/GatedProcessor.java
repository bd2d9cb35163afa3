package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.jspecify.annotations.Nullable;

/**
 * A read model that, once armed, stops in the middle of its next entry until the test lets
 * it go on, and remembers the entries it applied and the thread that applied the last one.
 * Thread-safe.
 */
@EventProcessor(stream = "/gate")
public class GatedProcessor {

	static final StreamName STREAM = StreamName.of("/gate");

	/** What a task decorator put on the thread that applies an entry, as an MDC would. */
	static final ThreadLocal<@Nullable String> DECORATION = new ThreadLocal<>();

	final CountDownLatch entered = new CountDownLatch(1);

	final CountDownLatch released = new CountDownLatch(1);

	final List<Long> applied = new CopyOnWriteArrayList<>();

	volatile boolean armed;

	volatile @Nullable Thread lastThread;

	volatile @Nullable String lastDecoration;

	@EventHandler
	void on(Deposited deposited, Cursor entry) throws InterruptedException {
		this.lastThread = Thread.currentThread();
		this.lastDecoration = DECORATION.get();
		if (this.armed) {
			this.armed = false;
			this.entered.countDown();
			if (!this.released.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never released the gate");
			}
		}
		this.applied.add(entry.version());
	}

	/** Stops the next entry in its handler, until {@link #release()}. */
	void arm() {
		this.armed = true;
	}

	void awaitEntered() throws InterruptedException {
		if (!this.entered.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No entry reached the gate");
		}
	}

	void release() {
		this.released.countDown();
	}

}
