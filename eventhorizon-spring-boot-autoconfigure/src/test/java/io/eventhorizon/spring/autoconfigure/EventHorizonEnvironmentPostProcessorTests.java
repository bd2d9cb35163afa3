package io.eventhorizon.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EventHorizonEnvironmentPostProcessorTests {

	private final EventHorizonEnvironmentPostProcessor postProcessor = new EventHorizonEnvironmentPostProcessor();

	@Test
	void theInMemoryStoreNeedsNoSpringCloudAwsDynamoDbClient() {
		assertThat(postProcess(new MockEnvironment())).isEqualTo("false");
		assertThat(postProcess(new MockEnvironment().withProperty("eventhorizon.store", "in-memory"))).isEqualTo("false");
	}

	@Test
	void theDynamoDbStoreKeepsSpringCloudAws() {
		assertThat(postProcess(new MockEnvironment().withProperty("eventhorizon.store", "dynamodb"))).isNull();
	}

	@Test
	void anExplicitSettingWins() {
		assertThat(postProcess(
				new MockEnvironment().withProperty(EventHorizonEnvironmentPostProcessor.SPRING_CLOUD_AWS_DYNAMODB_ENABLED,
						"true")))
			.isEqualTo("true");
	}

	@Test
	void aDisabledEventHorizonChangesNothing() {
		assertThat(postProcess(new MockEnvironment().withProperty("eventhorizon.enabled", "false"))).isNull();
	}

	@Test
	void aBadStoreValueIsLeftToTheAutoConfigurationToReport() {
		assertThat(postProcess(new MockEnvironment().withProperty("eventhorizon.store", "cassandra"))).isNull();
	}

	private String postProcess(MockEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty(EventHorizonEnvironmentPostProcessor.SPRING_CLOUD_AWS_DYNAMODB_ENABLED);
	}

}
