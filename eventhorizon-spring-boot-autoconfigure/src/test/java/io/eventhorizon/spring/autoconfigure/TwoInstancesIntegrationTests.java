package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Withdrawn;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application share DynamoDB tables (dynalite, through Spring Cloud
 * AWS's client): what one writes the other sees within the poll interval, and concurrent
 * {@code @TransactionalAppend} withdrawals from both never overdraw the account.
 */
class TwoInstancesIntegrationTests {

	private final String tables = DynamoDbTestServer.uniqueTableName("app");

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startTwoInstances() {
		this.first = start();
		this.second = start();
	}

	@AfterEach
	void stopThem() {
		this.first.close();
		this.second.close();
	}

	@Test
	void whatOneInstanceWritesTheOtherSeesWithinThePollInterval() {
		assertThat(this.first.getBean(DynamoDbClient.class).getClass().getName()).doesNotContain("eventhorizon");

		Timer lag = this.second.getBean(MeterRegistry.class)
			.get("eventhorizon.sync.lag")
			.tag("processor", "accounts")
			.timer();
		// The stream's first entry was written while the second instance was still starting:
		// its lag is that start-up, so only what the deposit adds to the timer is measured.
		await().atMost(Duration.ofSeconds(5)).until(() -> lag.count() > 0);
		long entriesBefore = lag.count();
		double lagBefore = lag.totalTime(TimeUnit.MILLISECONDS);

		this.first.getBean(Bank.class).deposit("a1", 1000);

		assertThat(this.first.getBean(Accounts.class).balance("a1")).as("read-your-writes").isEqualTo(1000);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.second.getBean(Accounts.class).balance("a1") == 1000);
		long depositEntries = lag.count() - entriesBefore;
		assertThat(depositEntries).as("entries of the deposit the other instance processed").isPositive();
		assertThat((lag.totalTime(TimeUnit.MILLISECONDS) - lagBefore) / depositEntries)
			.as("the deposit's lag: within the poll interval and some slack")
			.isBetween(0.0, 3000.0);
		MeterRegistry meters = this.first.getBean(MeterRegistry.class);
		assertThat(meters.get("eventhorizon.dynamodb.capacity").tag("table", this.tables + "_events")
			.tag("operation", "PutItem").counter().count()).as("write units of the deposit").isGreaterThanOrEqualTo(1);
		assertThat(meters.get("eventhorizon.dynamodb.capacity").tag("table", this.tables + "_events")
			.tag("operation", "Query").counter().count()).as("read units of the syncs").isPositive();
		assertThat(meters.find("eventhorizon.dynamodb.failed.attempts").counters()).as("no failed attempts here")
			.isEmpty();
	}

	@Test
	void concurrentWithdrawalsFromBothInstancesNeverOverdraw() throws Exception {
		this.first.getBean(Bank.class).deposit("a1", 500);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.second.getBean(Accounts.class).balance("a1") == 500);
		AtomicInteger withdrawn = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger exhausted = new AtomicInteger();
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(this.first, this.second, this.first, this.second)) {
				Bank bank = instance.getBean(Bank.class);
				clients.add(threads.submit(() -> {
					for (int i = 0; i < 20; i++) {
						try {
							bank.withdraw("a1", 10);
							withdrawn.incrementAndGet();
						}
						catch (IllegalStateException ex) {
							refused.incrementAndGet();
						}
						catch (TransactWriteExhaustedException ex) {
							exhausted.incrementAndGet();
						}
						catch (RuntimeException ex) {
							unexpected.add(ex);
						}
					}
				}));
			}
			for (Future<?> client : clients) {
				client.get(3, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(unexpected).isEmpty();
		assertThat(withdrawn.get() + refused.get() + exhausted.get()).isEqualTo(80);
		assertThat(withdrawn.get()).isLessThanOrEqualTo(50);
		long expected = 500 - 10L * withdrawn.get();
		assertThat(expected).isNotNegative();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(List.of(this.first.getBean(Accounts.class).balance("a1"),
					this.second.getBean(Accounts.class).balance("a1")))
				.containsOnly(expected));
		assertThat(withdrawalsInTheTable()).isEqualTo(withdrawn.get());
	}

	private long withdrawalsInTheTable() {
		return StreamContents
			.payloads(this.first.getBean(DynamoDbEventLog.class), this.first.getBean(EventLineCodec.class),
					StreamName.of("/bank"))
			.stream()
			.filter((payload) -> payload instanceof Withdrawn)
			.count();
	}

	private ConfigurableApplicationContext start() {
		return BankApplication.startOnDynamoDb(this.tables, "eventhorizon.synchronizer.poll-interval=100ms");
	}

	/** The bank as an application on dynalite tables of its own. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BankConfiguration.class)
	static class BankApplication {

		/**
		 * Starts an instance of the bank on the tables {@code <tables>_events} and
		 * {@code <tables>_snapshots} (created when missing), with more properties.
		 */
		static ConfigurableApplicationContext startOnDynamoDb(String tables, String... properties) {
			return new SpringApplicationBuilder(BankApplication.class).web(WebApplicationType.NONE)
				.properties("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.create-tables=true",
						"eventhorizon.dynamodb.events-table=" + tables + "_events",
						"eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots", "eventhorizon.create-streams=true",
						"spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
						"spring.cloud.aws.region.static=us-east-1", "spring.cloud.aws.credentials.access-key=test",
						"spring.cloud.aws.credentials.secret-key=test", "spring.main.banner-mode=off")
				.properties(properties)
				.run();
		}

	}

}
