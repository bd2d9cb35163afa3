package io.eventhorizon.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.awaitility.Awaitility.await;

/**
 * When DynamoDB goes away, the health turns DOWN; when it comes back with its data, UP.
 */
class HealthOutageIntegrationTests {

	@Test
	void healthFollowsADynamoDbOutage(@TempDir Path data) {
		try (DynamoDbTestServer.Dedicated dynamoDb = DynamoDbTestServer.dedicated(data);
				ConfigurableApplicationContext application = new SpringApplicationBuilder(BankApplication.class)
					.web(WebApplicationType.NONE)
					.run("--eventhorizon.store=dynamodb", "--eventhorizon.dynamodb.create-tables=true",
							"--eventhorizon.create-streams=true", "--eventhorizon.synchronizer.poll-interval=100ms",
							"--eventhorizon.synchronizer.max-backoff=500ms",
							"--management.health.eventhorizon.max-consecutive-failures=2",
							"--spring.cloud.aws.dynamodb.endpoint=" + dynamoDb.endpoint(),
							"--spring.cloud.aws.region.static=us-east-1", "--spring.cloud.aws.credentials.access-key=test",
							"--spring.cloud.aws.credentials.secret-key=test", "--spring.main.banner-mode=off")) {
			EventHorizonHealthIndicator health = application.getBean(EventHorizonHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus().equals(Status.UP));

			dynamoDb.stop();
			await().atMost(Duration.ofSeconds(60)).until(() -> health.health(true).getStatus().equals(Status.DOWN));

			dynamoDb.restart();
			await().atMost(Duration.ofSeconds(60)).until(() -> health.health(true).getStatus().equals(Status.UP));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BankConfiguration.class)
	static class BankApplication {

	}

}
