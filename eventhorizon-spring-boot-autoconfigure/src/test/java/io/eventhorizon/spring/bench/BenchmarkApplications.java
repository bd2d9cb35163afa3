package io.eventhorizon.spring.bench;

import io.eventhorizon.testing.DynamoDbTestServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the benchmarks' applications on the tests' dynalite, through Spring Cloud AWS's
 * client, with tables and streams created at startup.
 */
final class BenchmarkApplications {

	private BenchmarkApplications() {
	}

	static ConfigurableApplicationContext start(Class<?> application, String tables, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.create-tables=true",
					"eventhorizon.dynamodb.events-table=" + tables + "_events",
					"eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots", "eventhorizon.create-streams=true",
					"spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
					"spring.cloud.aws.region.static=us-east-1", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "spring.main.banner-mode=off",
					"logging.level.root=warn")
			.properties(properties)
			.run();
	}

}
