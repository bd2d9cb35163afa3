package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

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
		try (ConfigurableApplicationContext first = FreshTablesOnDynamoDbTests.start(tables,
				"--eventhorizon.create-streams=false")) {
			EventHorizonHealthIndicator health = first.getBean(EventHorizonHealthIndicator.class);

			await().atMost(PATIENCE).until(() -> health.health(true).getStatus().equals(Status.DOWN));
			assertThat(accounts(health.health(true))).containsEntry("state", "MISSING_STREAM")
				.containsEntry("missingStream", "/bank");

			try (ConfigurableApplicationContext second = FreshTablesOnDynamoDbTests.start(tables)) {
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

}
