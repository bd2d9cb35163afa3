package io.eventhorizon.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.eventhorizon.dynamodb.DynamoDbListener;
import io.eventhorizon.dynamodb.RetriedAttempts;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.autoconfigure.EventHorizonSynchronizerTests.FailingProcessor;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An outage is logged once, not once per attempt: its first failure at WARN, the repeats at
 * DEBUG, and one INFO line when it is over, with how long it lasted and how many failures
 * it saw. For DynamoDB requests (dynalite stopped and started again) and for a processor's
 * syncs (a fault switched on and off).
 */
@ExtendWith(OutputCaptureExtension.class)
class OutageLoggingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=5ms", "eventhorizon.synchronizer.max-backoff=10ms");

	@BeforeEach
	void logEverything() {
		level(Level.DEBUG);
	}

	@AfterEach
	void logAsConfigured() {
		level(null);
	}

	@Test
	void dynamoDbRequestsFailingThroughAnOutageAreLoggedOnceAtWarnAndTheRecoveryOnceAtInfo(CapturedOutput output,
			@TempDir Path data) {
		try (DynamoDbTestServer.Dedicated dynamoDb = DynamoDbTestServer.dedicated(data);
				DynamoDbClient client = clientWithRetriedAttempts(dynamoDb)) {
			client.listTables();

			dynamoDb.stop();
			for (int request = 0; request < 3; request++) {
				assertThatExceptionOfType(SdkClientException.class).isThrownBy(client::listTables);
			}
			dynamoDb.restart();
			client.listTables();
		}

		assertThat(lines(output, "WARN", "DynamoDB requests failed: ListTables")).isEqualTo(1);
		assertThat(lines(output, "DEBUG", "DynamoDB requests failed again")).isEqualTo(2);
		assertThat(lines(output, "INFO", "DynamoDB requests succeed again after")).isEqualTo(1);
		assertThat(output.getOut()).contains("and 3 failure(s)");
	}

	@Test
	void aProcessorsFailedSyncsAreLoggedOnceAtWarnAndItsRecoveryOnceAtInfo(CapturedOutput output) {
		this.runner.withBean("flaky", FailingProcessor.class).run((context) -> {
			FailingProcessor flaky = context.getBean(FailingProcessor.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> flaky.calls.get() >= 4);

			flaky.down = false;

			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("succeed again"));
		});

		assertThat(lines(output, "WARN", "Syncs of processor 'flaky' failed: java.lang.IllegalStateException"))
			.isEqualTo(1);
		assertThat(lines(output, "DEBUG", "Syncs of processor 'flaky' failed again")).isGreaterThanOrEqualTo(3);
		assertThat(lines(output, "INFO", "Syncs of processor 'flaky' succeed again after")).isEqualTo(1);
	}

	private static long lines(CapturedOutput output, String level, String text) {
		return output.getOut().lines().filter((line) -> line.contains(" " + level + " ") && line.contains(text)).count();
	}

	private static DynamoDbClient clientWithRetriedAttempts(DynamoDbTestServer.Dedicated dynamoDb) {
		BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(20));
		return DynamoDbClient.builder()
			.endpointOverride(dynamoDb.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new RetriedAttempts(DynamoDbListener.NONE))
				.retryStrategy((retry) -> retry.maxAttempts(2).backoffStrategy(quick).throttlingBackoffStrategy(quick)))
			.build();
	}

	private static void level(Level level) {
		for (Class<?> type : new Class<?>[] { RetriedAttempts.class, EventHorizonSynchronizer.class }) {
			((Logger) LoggerFactory.getLogger(type)).setLevel(level);
		}
	}

}
