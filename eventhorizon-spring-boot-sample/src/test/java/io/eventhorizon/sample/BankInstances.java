package io.eventhorizon.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.eventhorizon.testing.DynamoDbTestServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Instances of the bank on the same fresh DynamoDB tables (dynalite), each with an HTTP
 * client; closing stops them all.
 */
final class BankInstances implements AutoCloseable {

	private final String tables = DynamoDbTestServer.uniqueTableName("bank");

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<HttpJson> clients = new ArrayList<>();

	private final List<String> properties;

	/**
	 * Prepares instances that run with the application's configuration and these
	 * properties.
	 * @param properties command-line properties, such as
	 * {@code --eventhorizon.append.idempotency-window=3}
	 */
	BankInstances(String... properties) {
		this.properties = List.of(properties);
	}

	/**
	 * Starts one more instance.
	 * @param extraSources configuration added to the application's, such as an SDK
	 * interceptor of this instance's DynamoDB client
	 * @return this
	 */
	BankInstances start(Class<?>... extraSources) {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(BankApplication.class)
			.sources(extraSources)
			.profiles("dynamodb")
			.run(Stream.concat(Stream.of("--server.port=0", "--spring.main.banner-mode=off",
					"--eventhorizon.dynamodb.events-table=" + this.tables + "_events",
					"--eventhorizon.dynamodb.snapshots-table=" + this.tables + "_snapshots",
					"--eventhorizon.dynamodb.create-tables=true",
					"--spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
					"--spring.cloud.aws.region.static=us-east-1", "--spring.cloud.aws.credentials.access-key=test",
					"--spring.cloud.aws.credentials.secret-key=test"), this.properties.stream())
				.toArray(String[]::new));
		this.instances.add(instance);
		this.clients.add(new HttpJson(Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"))));
		return this;
	}

	ConfigurableApplicationContext instance(int index) {
		return this.instances.get(index);
	}

	HttpJson client(int index) {
		return this.clients.get(index);
	}

	List<HttpJson> clients() {
		return List.copyOf(this.clients);
	}

	@Override
	public void close() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

}
