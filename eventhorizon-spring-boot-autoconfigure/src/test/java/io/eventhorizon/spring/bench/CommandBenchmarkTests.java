package io.eventhorizon.spring.bench;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.testing.BenchmarkReport;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.Pass;
import io.eventhorizon.testing.PlainSdk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command in a Spring Boot application (part of the benchmarks, not of the default run):
 * a {@code @TransactionalAppend} method that validates against its read model and appends
 * one event, against the same command written by hand with the plain SDK: a {@code Query}
 * for what is new since the last known version, the validation, a conditional
 * {@code PutItem} after that version, and the event applied to the local state.
 */
@Tag("bench")
class CommandBenchmarkTests {

	private final boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));

	private final String tables = DynamoDbTestServer.uniqueTableName("command");

	@Test
	void transactionalAppendAgainstAQueryAndAConditionalPutItem() {
		int rounds = this.full ? 20 : 6;
		int perRound = 50;
		try (ConfigurableApplicationContext application = start()) {
			Commands commands = application.getBean(Commands.class);
			HandWritten baseline = new HandWritten(application.getBean(DynamoDbClient.class), this.tables + "_events",
					application.getBean(EventLineCodec.class));
			long[] ids = new long[2];
			Pass.Sides sides = Pass.interleave(rounds, () -> Pass.measure(() -> {
				for (int i = 0; i < perRound; i++) {
					commands.record(++ids[0]);
				}
				return perRound;
			}), () -> Pass.measure(() -> {
				for (int i = 0; i < perRound; i++) {
					baseline.record(++ids[1]);
				}
				return perRound;
			}));
			assertThat(application.getBean(Ledger.class).ids).hasSize((int) ids[0]);
			assertThat(baseline.ids).hasSize((int) ids[1]);
			BenchmarkReport.print("command: @TransactionalAppend (validate, append 1 event) vs Query + conditional "
					+ "PutItem by hand", rounds + " interleaved rounds of " + perRound + " sequential commands, median",
					"ms/command", sides.library(Pass::millisPerEvent), sides.baseline(Pass::millisPerEvent), "time",
					"<= 1.10");
		}
	}

	private ConfigurableApplicationContext start() {
		return BenchmarkApplications.start(CommandApplication.class, this.tables);
	}

	@EventType("ledger.Recorded")
	record Recorded(long id) {
	}

	/** The ids recorded so far. */
	@EventProcessor(stream = "/ledger")
	static class Ledger {

		final Set<Long> ids = new HashSet<>();

		@EventHandler
		void on(Recorded recorded) {
			this.ids.add(recorded.id());
		}

	}

	/** Records an id once. */
	static class Commands {

		private final Ledger ledger;

		private final EventHorizonTemplate events;

		Commands(Ledger ledger, EventHorizonTemplate events) {
			this.ledger = ledger;
			this.events = events;
		}

		@TransactionalAppend(processors = "ledger")
		public void record(long id) {
			if (this.ledger.ids.contains(id)) {
				throw new IllegalStateException("already recorded: " + id);
			}
			this.events.append("/ledger", new Recorded(id));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CommandApplication {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

		@Bean
		Commands commands(Ledger ledger, EventHorizonTemplate events) {
			return new Commands(ledger, events);
		}

	}

	/** The same command with the plain SDK, on a stream of its own. Not thread-safe. */
	static final class HandWritten {

		private static final StreamName STREAM = StreamName.of("/ledger-by-hand");

		private final DynamoDbClient client;

		private final String table;

		private final EventLineCodec codec;

		final Set<Long> ids = new HashSet<>();

		private long knownVersion;

		HandWritten(DynamoDbClient client, String table, EventLineCodec codec) {
			this.client = client;
			this.table = table;
			this.codec = codec;
		}

		void record(long id) {
			PlainSdk.readEvents(this.client, this.table, STREAM, this.knownVersion, (version, payload) -> {
				this.ids.add(payload.get("id").asLong());
				this.knownVersion = version;
			});
			if (this.ids.contains(id)) {
				throw new IllegalStateException("already recorded: " + id);
			}
			long version = this.knownVersion + 1;
			PlainSdk.putIfAbsent(this.client, this.table, STREAM, version,
					this.codec.encode(List.of(Event.of(new Recorded(id), EventMeta.system(Instant.now())))).toStored());
			this.ids.add(id);
			this.knownVersion = version;
		}

	}

}
