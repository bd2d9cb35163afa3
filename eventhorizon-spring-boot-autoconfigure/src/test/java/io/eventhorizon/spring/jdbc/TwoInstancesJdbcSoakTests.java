package io.eventhorizon.spring.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventType;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring soak: two application contexts on the same DynamoDB tables (dynalite) and the
 * same PostgreSQL database, each with writers appending deposits and a transactional JDBC
 * read model that both keep at once (the synchronizer polls, and every append is offered
 * to the local processor). Then the read model must equal a replay of the stream: every
 * entry applied exactly once, by one instance or the other. A few seconds of it run with
 * the tests; the long run is not part of {@code ./mvnw verify}:
 *
 * <pre>
 * ./mvnw -B -ntp -pl eventhorizon-spring-boot-autoconfigure -am verify -Psoak -Dtest=TwoInstancesJdbcSoakTests -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.duration=PT2M -Dsoak.writers=4
 * </pre>
 */
class TwoInstancesJdbcSoakTests {

	private static final StreamName LEDGER = StreamName.of("/ledger");

	private static final List<String> ACCOUNTS = List.of("a", "b", "c", "d", "e");

	@RegisterExtension
	static final PostgreSqlServer server = new PostgreSqlServer();

	private final String tables = DynamoDbTestServer.uniqueTableName("jdbcsoak");

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final AtomicLong failedAppends = new AtomicLong();

	@Test
	void twoInstancesApplyEveryEntryOnceForAFewSeconds() throws InterruptedException {
		soak(Duration.ofSeconds(3), 2);
	}

	@Test
	@Tag("soak")
	void twoInstancesApplyEveryEntryOnceForTheGivenDuration() throws InterruptedException {
		soak(Duration.parse(System.getProperty("soak.duration", "PT30S")), Integer.getInteger("soak.writers", 3));
	}

	private void soak(Duration duration, int writersPerInstance) throws InterruptedException {
		JdbcTemplate database = database();
		database.execute("DROP TABLE IF EXISTS soak_ledger");
		database.execute("DROP TABLE IF EXISTS soak_balances");
		database.execute("DROP TABLE IF EXISTS eventhorizon_cursors");
		database.execute("CREATE TABLE soak_ledger (entry VARCHAR(100) NOT NULL, id VARCHAR(36) NOT NULL, "
				+ "instance VARCHAR(10) NOT NULL)");
		database.execute("CREATE TABLE soak_balances (account VARCHAR(10) PRIMARY KEY, balance BIGINT NOT NULL)");
		ACCOUNTS.forEach((account) -> database.update("INSERT INTO soak_balances VALUES (?, 0)", account));
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second")) {
			Instant deadline = Instant.now().plus(duration);
			List<Thread> writers = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(first, second)) {
				EventHorizonTemplate events = instance.getBean(EventHorizonTemplate.class);
				for (int i = 0; i < writersPerInstance; i++) {
					Thread writer = new Thread(() -> write(events, deadline), "soak-writer");
					writer.start();
					writers.add(writer);
				}
			}
			for (Thread writer : writers) {
				writer.join(duration.plusMinutes(2).toMillis());
			}
			catchUp(first);
			catchUp(second);

			EventLog eventLog = first.getBean(EventLog.class);
			EventLineCodec codec = first.getBean(EventLineCodec.class);
			List<String> replay = new ArrayList<>();
			Map<String, Long> replayedBalances = new TreeMap<>();
			ACCOUNTS.forEach((account) -> replayedBalances.put(account, 0L));
			for (LogEntry entry : StreamContents.entries(eventLog, LEDGER)) {
				codec.decode(entry).events().forEach((event) -> {
					if (event.payload() instanceof Deposited deposited) {
						replay.add(entry.cursor() + " " + deposited.id());
						replayedBalances.merge(deposited.account(), deposited.amount(), Long::sum);
					}
				});
			}
			List<String> applied = database.queryForList("SELECT entry || ' ' || id FROM soak_ledger", String.class);
			Map<String, Long> balances = new TreeMap<>();
			database.queryForList("SELECT account, balance FROM soak_balances")
				.forEach((row) -> balances.put((String) row.get("account"), ((Number) row.get("balance")).longValue()));
			Map<String, Integer> byInstance = new TreeMap<>();
			database.queryForList("SELECT instance, COUNT(*) AS entries FROM soak_ledger GROUP BY instance")
				.forEach((row) -> byInstance.put((String) row.get("instance"), ((Number) row.get("entries")).intValue()));
			System.out.printf("jdbc soak: %s, %d writers per instance, 2 instances on one database: commits %d, "
					+ "failed appends %d, entries applied by instance %s%n", duration, writersPerInstance,
					this.acknowledged.size(), this.failedAppends.get(), byInstance);

			assertThat(applied).as("the read model equals a replay: every entry applied exactly once")
				.containsExactlyInAnyOrderElementsOf(replay);
			assertThat(balances).as("balances equal a replay's").isEqualTo(replayedBalances);
			assertThat(replay.stream().map((line) -> line.substring(line.indexOf(' ') + 1)))
				.as("every acknowledged append is in the stream, none twice")
				.containsAll(this.acknowledged)
				.doesNotHaveDuplicates();
			assertThat(this.acknowledged).as("work was done").isNotEmpty();
			assertThat(first.getBean(TransactionalCursorStore.class).load("soakLedger"))
				.contains(eventLog.head(LEDGER));
		}
	}

	private void write(EventHorizonTemplate events, Instant deadline) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (Instant.now().isBefore(deadline)) {
			String id = UUID.randomUUID().toString();
			try {
				events.append(LEDGER.toString(),
						new Deposited(id, ACCOUNTS.get(random.nextInt(ACCOUNTS.size())), 1 + random.nextInt(100)));
				this.acknowledged.add(id);
			}
			catch (RuntimeException ex) {
				this.failedAppends.incrementAndGet();
			}
		}
	}

	private static void catchUp(ConfigurableApplicationContext instance) {
		instance.getBean(EventProcessorRegistry.class).byName("soakLedger").orElseThrow().reader().loadUntilRealtime();
	}

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(SoakApplication.class).web(WebApplicationType.NONE)
			.properties("soak.instance=" + name, "eventhorizon.store=dynamodb",
					"eventhorizon.dynamodb.create-tables=true",
					"eventhorizon.dynamodb.events-table=" + this.tables + "_events",
					"eventhorizon.dynamodb.snapshots-table=" + this.tables + "_snapshots",
					"eventhorizon.create-streams=true", "eventhorizon.synchronizer.poll-interval=50ms",
					"eventhorizon.jdbc.initialize-schema=always", "spring.flyway.enabled=false",
					"spring.datasource.url=" + server.url(), "spring.datasource.username=" + server.username(),
					"spring.datasource.password=" + server.password(),
					"spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
					"spring.cloud.aws.region.static=us-east-1", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "spring.main.banner-mode=off")
			.run();
	}

	private static JdbcTemplate database() {
		return new JdbcTemplate(new DriverManagerDataSource(server.url(), server.username(), server.password()));
	}

	@EventType("soak.Deposited")
	record Deposited(String id, String account, long amount) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SoakApplication {

		@Bean
		SoakLedger soakLedger(JdbcTemplate jdbc, @Value("${soak.instance}") String instance) {
			return new SoakLedger(jdbc, instance);
		}

	}

	/** Every deposit as a row, and the balances, in PostgreSQL. */
	@EventProcessor(stream = "/ledger", transactional = true)
	static class SoakLedger {

		private final JdbcTemplate jdbc;

		private final String instance;

		SoakLedger(JdbcTemplate jdbc, String instance) {
			this.jdbc = jdbc;
			this.instance = instance;
		}

		@EventHandler
		void on(Deposited deposited, Cursor entry) {
			this.jdbc.update("INSERT INTO soak_ledger (entry, id, instance) VALUES (?, ?, ?)", entry.toString(),
					deposited.id(), this.instance);
			this.jdbc.update("UPDATE soak_balances SET balance = balance + ? WHERE account = ?", deposited.amount(),
					deposited.account());
		}

	}

}
