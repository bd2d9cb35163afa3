package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.SnapshotTooLargeException;
import io.eventhorizon.core.StreamName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad settings fail the startup, naming the property, the value and what is expected
 * (Spring Boot's bind failure analysis prints them).
 */
class EventHorizonPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "eventhorizon.store|cassandra|cassandra",
			"eventhorizon.dynamodb.events-table|''|must be a DynamoDB table name",
			"eventhorizon.dynamodb.snapshots-table|no spaces|must be a DynamoDB table name",
			"eventhorizon.dynamodb.page-size|0|must be at least 1",
			"eventhorizon.append.max-attempts|0|must be at least 1",
			"eventhorizon.append.initial-backoff|-1s|must not be a negative duration",
			"eventhorizon.append.max-backoff|-1ms|must not be a negative duration",
			"eventhorizon.append.idempotency-window|0|must be at least 1",
			"eventhorizon.processors.poison-attempts|0|must be at least 1",
			"eventhorizon.synchronizer.poll-interval|0s|must be a positive duration",
			"eventhorizon.synchronizer.poll-interval|-5s|must be a positive duration",
			"eventhorizon.synchronizer.max-backoff|0s|must be a positive duration",
			"eventhorizon.synchronizer.threads|0|must be at least 1",
			"eventhorizon.synchronizer.startup-timeout|0s|must be a positive duration",
			"eventhorizon.synchronizer.shutdown-timeout|-1s|must not be a negative duration",
			"eventhorizon.snapshots.min-interval|-1s|must not be a negative duration",
			"eventhorizon.snapshots.min-entries|0|must be at least 1",
			"eventhorizon.snapshots.max-size|0B|must be between 1B and 2GB" })
	void aBadValueFailsTheStartupNamingTheProperty(String property, String value, String reason) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			BindException bind = bindFailure(context.getStartupFailure());
			assertThat(bind.getProperty()).isNotNull();
			assertThat(bind.getProperty().getName().toString()).isEqualTo(property);
			assertThat(bind).rootCause().hasMessageContaining(reason);
		});
	}

	@Test
	void theSnapshotSizeLimitComesFromTheProperties() {
		this.runner.withPropertyValues("eventhorizon.snapshots.max-size=1KB").run((context) -> {
			SnapshotStore store = context.getBean(SnapshotStore.class);
			Snapshot small = Snapshot.of(StreamName.of("/bank").at(3), SnapshotPerspective.parse("bank:v1"), new byte[1024]);
			Snapshot large = Snapshot.of(StreamName.of("/bank").at(4), SnapshotPerspective.parse("bank:v1"), new byte[1025]);

			assertThat(store.write(small)).isTrue();
			assertThatExceptionOfType(SnapshotTooLargeException.class).isThrownBy(() -> store.write(large))
				.withMessageContaining("1025 bytes, more than the limit of 1024 bytes");
		});
	}

	private static BindException bindFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				return bind;
			}
		}
		throw new AssertionError("The startup did not fail with a BindException", failure);
	}

}
