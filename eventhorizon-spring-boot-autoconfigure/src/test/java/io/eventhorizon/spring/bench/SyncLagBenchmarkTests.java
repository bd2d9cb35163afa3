package io.eventhorizon.spring.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.PlainSdk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sync lag (part of the benchmarks, not of the default run): the time from an append's
 * acknowledgement to the event reaching a processor, in the instance that appended (handed
 * the entry at once) and in another instance (which polls). The baseline is the plain SDK on the same
 * dynalite at the same moments: a {@code Query} right after the {@code PutItem} for the same
 * instance, and a {@code Query} loop on the same poll interval for the other.
 *
 * <pre>
 * ./mvnw -pl eventhorizon-spring-boot-autoconfigure -am verify -Pbench [-Dbench.mode=full]
 * </pre>
 */
@Tag("bench")
class SyncLagBenchmarkTests {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final String tables = DynamoDbTestServer.uniqueTableName("lag");

	@Test
	void syncLagInTheSameInstanceAndInAnother() throws InterruptedException {
		int warmUp = this.full ? 50 : 30;
		int appends = this.full ? 1000 : 100;
		try (ConfigurableApplicationContext writer = start(); ConfigurableApplicationContext other = start()) {
			DynamoDbClient client = writer.getBean(DynamoDbClient.class);
			RawStream raw = new RawStream(client, this.tables + "_events", writer.getBean(EventLineCodec.class));
			ScheduledExecutorService rawPoller = Executors.newSingleThreadScheduledExecutor();
			rawPoller.scheduleWithFixedDelay(raw::poll, 0, POLL_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
			EventHorizonTemplate events = writer.getBean(EventHorizonTemplate.class);
			Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
			Map<Long, Long> rawAcknowledged = new ConcurrentHashMap<>();
			Map<Long, Long> rawSeenAtOnce = new ConcurrentHashMap<>();
			Map<Long, Long> seenHere = writer.getBean(Probe.class).seen;
			try {
				for (long id = 1; id <= warmUp + appends; id++) {
					events.append("/lag", new Ping(id));
					acknowledged.put(id, System.nanoTime());
					// The baseline's put waits: dynalite serves one request at a time, and the put
					// would otherwise delay the library's read.
					awaitArrival(writer.getBean(Probe.class), id);
					raw.put(id);
					rawAcknowledged.put(id, System.nanoTime());
					raw.readAfterPut(id);
					rawSeenAtOnce.put(id, System.nanoTime());
					// Random gaps put the appends at random moments of the other side's poll cycle.
					Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25));
				}
				Map<Long, Long> seenThere = other.getBean(Probe.class).seen;
				await().atMost(Duration.ofSeconds(30))
					.until(() -> seenHere.size() == warmUp + appends && seenThere.size() == warmUp + appends
							&& raw.seen.size() == warmUp + appends);

				String settings = appends + " appends of 1 event (after " + warmUp + " to warm up), 5-25 ms apart, "
						+ "poll interval " + POLL_INTERVAL.toMillis() + " ms, two application instances in one JVM";
				List<Double> here = lags(acknowledged, seenHere, warmUp);
				List<Double> rawHere = lags(rawAcknowledged, rawSeenAtOnce, warmUp);
				List<Double> there = lags(acknowledged, seenThere, warmUp);
				List<Double> rawThere = lags(rawAcknowledged, raw.seen, warmUp);
				for (double percent : new double[] { 50, 99 }) {
					String p = "p" + (int) percent;
					BenchmarkReport.print("sync lag " + p + ", same instance (handed the entry by its append) vs Query "
							+ "right after PutItem", settings, "ms", BenchmarkReport.percentile(here, percent),
							BenchmarkReport.percentile(rawHere, percent), "time", "p99 < 20 ms");
					BenchmarkReport.print("sync lag " + p + ", other instance (polling) vs a Query loop on the same "
							+ "interval", settings, "ms", BenchmarkReport.percentile(there, percent),
							BenchmarkReport.percentile(rawThere, percent), "time", "within the poll interval");
				}
				System.out.printf("bench | sync lag target (same-instance p99 < 20 ms): %s%n",
						(BenchmarkReport.percentile(here, 99) < 20) ? "met" : "NOT met");
				assertThat(writer.getBean(Probe.class).handled).as("events handled by the writer's processor")
					.hasValue(warmUp + appends);
				assertThat(other.getBean(Probe.class).handled).as("events handled by the other's processor")
					.hasValue(warmUp + appends);
			}
			finally {
				rawPoller.shutdownNow();
			}
		}
	}

	// Blocks rather than spins: a spinning writer would take CPU from the processor it waits for.
	private static void awaitArrival(Probe probe, long id) throws InterruptedException {
		Long arrived;
		do {
			arrived = probe.arrivals.poll(5, TimeUnit.SECONDS);
		}
		while (arrived != null && arrived != id);
	}

	// Lags in ms after the warm-up, sorted; an event seen before its append returned has lag 0.
	private static List<Double> lags(Map<Long, Long> acknowledged, Map<Long, Long> seen, int warmUp) {
		List<Double> lags = new ArrayList<>();
		acknowledged.forEach((id, at) -> {
			if (id > warmUp) {
				lags.add(Math.max(0, seen.get(id) - at) / 1e6);
			}
		});
		lags.sort(null);
		return lags;
	}

	private ConfigurableApplicationContext start() {
		return BenchmarkApplications.start(LagApplication.class, this.tables, "eventhorizon.synchronizer.poll-interval=" + POLL_INTERVAL.toMillis() + "ms");
	}

	@EventType("lag.Ping")
	record Ping(long id) {
	}

	/** Remembers when each ping arrived. */
	@EventProcessor(stream = "/lag")
	static class Probe {

		final Map<Long, Long> seen = new ConcurrentHashMap<>();

		final AtomicInteger handled = new AtomicInteger();

		final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

		@EventHandler
		void on(Ping ping) {
			this.seen.putIfAbsent(ping.id(), System.nanoTime());
			this.handled.incrementAndGet();
			this.arrivals.add(ping.id());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LagApplication {

		@Bean
		Probe probe() {
			return new Probe();
		}

	}

	/**
	 * The baseline: the same items written and read with the plain SDK, in a stream no
	 * processor follows. Thread-safe: one writer thread and one poller thread.
	 */
	static final class RawStream {

		private static final StreamName STREAM = StreamName.of("/lag-raw");

		private final DynamoDbClient client;

		private final String table;

		private final EventLineCodec codec;

		final Map<Long, Long> seen = new ConcurrentHashMap<>();

		private volatile long lastSeenVersion;

		RawStream(DynamoDbClient client, String table, EventLineCodec codec) {
			this.client = client;
			this.table = table;
			this.codec = codec;
		}

		// Ping n is version n.
		void put(long id) {
			PlainSdk.putIfAbsent(this.client, this.table, STREAM, id,
					this.codec.encode(List.of(Event.of(new Ping(id), EventMeta.system(Instant.now())))).toStored());
		}

		void readAfterPut(long id) {
			List<Long> ids = new ArrayList<>();
			PlainSdk.readEvents(this.client, this.table, STREAM, id - 1,
					(version, payload) -> ids.add(payload.get("id").asLong()));
			assertThat(ids).contains(id);
		}

		void poll() {
			PlainSdk.readEvents(this.client, this.table, STREAM, this.lastSeenVersion, (version, payload) -> {
				this.seen.putIfAbsent(payload.get("id").asLong(), System.nanoTime());
				this.lastSeenVersion = Math.max(this.lastSeenVersion, version);
			});
		}

	}

}
