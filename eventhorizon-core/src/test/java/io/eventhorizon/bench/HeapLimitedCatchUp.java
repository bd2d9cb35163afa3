package io.eventhorizon.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.PlainSdk;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A catch-up run in a JVM of its own, so that its heap can be limited
 * ({@code -Xmx128m}): the library's {@link Reader} into a counting processor, or the
 * baseline's {@code Query} loop with Jackson. Prints one line,
 * {@code events=… millis=… peakHeapBytes=… liveHeapBytes=…}; the server comes from
 * {@value DynamoDbTestServer#ENDPOINT_VARIABLE}.
 */
final class HeapLimitedCatchUp {

	private HeapLimitedCatchUp() {
	}

	/**
	 * Runs one catch-up.
	 * @param arguments {@code library|baseline table stream}
	 */
	public static void main(String[] arguments) {
		String mode = arguments[0];
		String table = arguments[1];
		StreamName stream = StreamName.of(arguments[2]);
		AtomicLong liveAfterCollections = watchLiveHeap();
		try (DynamoDbClient client = DynamoDbTestServer.get().newClient()) {
			long start = System.nanoTime();
			long events = mode.equals("library") ? library(client, table, stream)
					: PlainSdk.readEvents(client, table, stream, 0, PlainSdk.EventVisitor.NONE);
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("events=%d millis=%d peakHeapBytes=%d liveHeapBytes=%d%n", events, millis, peakHeap(),
					liveAfterCollections.get());
		}
	}

	// The most heap any collection left in use: what the run holds on to, unlike the peak,
	// which also counts garbage not collected yet.
	private static AtomicLong watchLiveHeap() {
		AtomicLong most = new AtomicLong();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					GcInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData())
						.getGcInfo();
					long live = 0;
					for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
						MemoryUsage after = info.getMemoryUsageAfterGc().get(pool.getName());
						if (pool.getType() == MemoryType.HEAP && after != null) {
							live += after.getUsed();
						}
					}
					most.accumulateAndGet(live, Math::max);
				}
			}, null, null);
		}
		return most;
	}

	private static long library(DynamoDbClient client, String table, StreamName stream) {
		DynamoDbEventLog log = DynamoDbEventLog.builder(client).tableName(table).build();
		BenchmarkTests.Counting processor = new BenchmarkTests.Counting(stream);
		Reader.builder(processor, log).build().loadUntilRealtime();
		return processor.events.get();
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
