package io.eventhorizon.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
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

	/**
	 * Appends deposits to the gate's stream one by one, each offered to the processor, and
	 * reads them back as this application offers them.
	 */
	static List<LogEntry> append(EventHorizonTemplate template, EventLog log, int entries) {
		Cursor first = template.append("/gate", new Deposited("a1", 1));
		for (int i = 1; i < entries; i++) {
			template.append("/gate", new Deposited("a1", 1));
		}
		List<LogEntry> appended = new ArrayList<>();
		Cursor after = Cursor.of(GatedProcessor.STREAM, first.version() - 1);
		while (appended.size() < entries) {
			List<LogEntry> page = log.read(after).entries();
			appended.addAll(page);
			after = page.get(page.size() - 1).cursor();
		}
		return appended;
	}

	/**
	 * Offers the entries and asks for syncs of the gate's stream from eight threads, all
	 * started together, and returns when all of them are done.
	 */
	static void offerFromEightThreadsAtOnce(EventHorizonSynchronizer synchronizer, List<LogEntry> entries)
			throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(callers.submit(() -> {
					start.await();
					for (LogEntry entry : entries) {
						synchronizer.offer(entry);
						synchronizer.requestSync(STREAM);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> call : calls) {
				call.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdown();
		}
	}

}
