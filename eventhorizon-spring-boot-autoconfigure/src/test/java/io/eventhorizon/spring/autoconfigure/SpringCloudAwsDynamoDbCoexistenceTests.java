package io.eventhorizon.spring.autoconfigure;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.dynamodb.DynamoDbTemplate;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that also uses Spring Cloud AWS's DynamoDB support keeps its own beans,
 * whatever the store; on the in-memory store, EventHorizon itself needs no AWS region or
 * credentials.
 */
class SpringCloudAwsDynamoDbCoexistenceTests {

	private static final String[] AWS_PROPERTIES = { "spring.cloud.aws.region.static=eu-west-1",
			"spring.cloud.aws.credentials.access-key=test", "spring.cloud.aws.credentials.secret-key=test" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RegionProviderAutoConfiguration.class,
				CredentialsProviderAutoConfiguration.class, AwsAutoConfiguration.class, DynamoDbAutoConfiguration.class,
				EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void anApplicationOnTheInMemoryStoreKeepsItsDynamoDbTemplate() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TemplateApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "eventhorizon.synchronizer.enabled=false")
			.properties(AWS_PROPERTIES)
			.run()) {
			assertThat(context.getBean(EventLog.class)).isInstanceOf(InMemoryEventLog.class);
			assertThat(context.getBean(Orders.class).template()).isSameAs(context.getBean(DynamoDbTemplate.class));
			assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().region())
				.as("configured as Spring Cloud AWS documents").isEqualTo(Region.EU_WEST_1);
		}
	}

	@Test
	void theInMemoryStoreKeepsSpringCloudAwsDynamoDbBeansForTheApplication() {
		this.runner.withPropertyValues(AWS_PROPERTIES)
			.withUserConfiguration(OrdersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryEventLog.class).hasSingleBean(DynamoDbTemplate.class);
				assertThat(context.getBean(Orders.class).template()).isSameAs(context.getBean(DynamoDbTemplate.class));
			});
	}

	@Test
	void theInMemoryStoreNeedsNoAwsRegionOrCredentials() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(InMemoryEventLog.class);
				assertThat(context.getBeanFactory().containsSingleton("dynamoDbClient"))
					.as("Spring Cloud AWS's client is created only when something uses it")
					.isFalse();
				context.getBean(Bank.class).deposit("a1", 100);
				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(100);
			});
	}

	@Test
	void theDynamoDbStoreUsesSpringCloudAwsClient() {
		this.runner.withPropertyValues(AWS_PROPERTIES)
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.create-streams=false")
			.withUserConfiguration(OrdersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamoDbEventLog.class)
					.hasSingleBean(DynamoDbClient.class)
					.hasSingleBean(DynamoDbTemplate.class);
				assertThat(context.getBeanFactory().getBeanDefinition("dynamoDbClient").isLazyInit())
					.as("eager, as Spring Cloud AWS made it")
					.isFalse();
			});
	}

	record Orders(DynamoDbTemplate template) {

	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersConfiguration {

		@Bean
		Orders orders(DynamoDbTemplate template) {
			return new Orders(template);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrdersConfiguration.class)
	static class TemplateApplication {

	}

}
