package io.eventhorizon.spring.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On DynamoDB with fresh tables, an application with no stream property serves its commands:
 * the missing streams are created at startup, by every instance at once without harm.
 */
class FreshTablesOnDynamoDbTests {

	@Test
	void twoInstancesStartingTogetherOnFreshTablesServeCommands() throws Exception {
		String tables = DynamoDbTestServer.uniqueTableName("fresh");
		try (ConfigurableApplicationContext tablesOnly = start(tables, "--eventhorizon.create-streams=false",
				"--eventhorizon.synchronizer.enabled=false")) {
			// Empty tables, as an operator or infrastructure code would leave them.
		}
		CyclicBarrier bothStarting = new CyclicBarrier(2);
		CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture
			.supplyAsync(() -> startAt(bothStarting, tables));
		CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture
			.supplyAsync(() -> startAt(bothStarting, tables));
		try (ConfigurableApplicationContext one = first.get(120, TimeUnit.SECONDS);
				ConfigurableApplicationContext other = second.get(120, TimeUnit.SECONDS)) {
			one.getBean(Bank.class).deposit("a1", 100);
			other.getBean(Bank.class).deposit("a1", 50);

			assertThat(other.getBean(Accounts.class).balance("a1")).isEqualTo(150);
		}
	}

	private static ConfigurableApplicationContext startAt(CyclicBarrier barrier, String tables) {
		try {
			barrier.await(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return start(tables);
	}

	// The bank on DynamoDB, on its own tables; MissingStreamHealthTests starts it too.
	static ConfigurableApplicationContext start(String tables, String... properties) {
		return new SpringApplicationBuilder(BankApplication.class).web(WebApplicationType.NONE)
			.properties("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.create-tables=true",
					"eventhorizon.dynamodb.events-table=" + tables + "_events",
					"eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots",
					"eventhorizon.synchronizer.poll-interval=100ms",
					"spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
					"spring.cloud.aws.region.static=us-east-1", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "spring.main.banner-mode=off")
			.run(properties);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BankConfiguration.class)
	static class BankApplication {

	}

}
