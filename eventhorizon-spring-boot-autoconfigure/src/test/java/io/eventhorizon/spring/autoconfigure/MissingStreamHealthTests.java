package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On DynamoDB, an instance whose processor follows a stream that does not exist (streams
 * not created at startup) is DOWN in health, naming the missing stream, rather than UP
 * while every command fails; once another instance creates the stream it is UP and serves
 * commands.
 */
class MissingStreamHealthTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Test
	void anInstanceWhoseStreamIsMissingIsDownUntilAnotherInstanceCreatesIt() {
		String tables = DynamoDbTestServer.uniqueTableName("missing");
		try (ConfigurableApplicationContext first = start(tables, "--eventhorizon.create-streams=false")) {
			EventHorizonHealthIndicator health = first.getBean(EventHorizonHealthIndicator.class);

			await().atMost(PATIENCE).until(() -> health.health(true).getStatus().equals(Status.DOWN));
			assertThat(accounts(health.health(true))).containsEntry("state", "MISSING_STREAM")
				.containsEntry("missingStream", "/bank");

			try (ConfigurableApplicationContext second = start(tables)) {
				await().atMost(PATIENCE).until(() -> health.health(true).getStatus().equals(Status.UP));
				first.getBean(Bank.class).deposit("a1", 100);

				assertThat(first.getBean(Accounts.class).balance("a1")).isEqualTo(100);
				assertThat(accounts(health.health(true))).containsEntry("state", "UP")
					.doesNotContainKey("missingStream");
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> accounts(Health health) {
		Map<String, Object> processors = (Map<String, Object>) health.getDetails().get("processors");
		return (Map<String, Object>) processors.get("accounts");
	}

	private static ConfigurableApplicationContext start(String tables, String... properties) {
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
