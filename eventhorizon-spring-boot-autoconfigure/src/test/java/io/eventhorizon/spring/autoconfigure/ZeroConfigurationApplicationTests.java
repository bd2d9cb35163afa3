package io.eventhorizon.spring.autoconfigure;


import io.eventhorizon.core.EventLog;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with every auto-configuration, Spring Cloud AWS included, and no
 * configuration at all starts on the embedded in-memory store, makes no AWS call, and
 * works.
 */
class ZeroConfigurationApplicationTests {

	@Test
	void startsOnTheEmbeddedStoreWithoutAwsAndWorks() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(EventLog.class)).isInstanceOf(InMemoryEventLog.class);
			assertThat(context.getBeanNamesForType(DynamoDbClient.class))
				.as("Spring Cloud AWS's client stays for the application, and is never created")
				.allSatisfy((name) -> assertThat(context.getBeanFactory().containsSingleton(name)).isFalse());

			context.getBean(Bank.class).deposit("a1", 100);

			assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(100);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BankConfiguration.class)
	static class PlainApplication {

	}

}
