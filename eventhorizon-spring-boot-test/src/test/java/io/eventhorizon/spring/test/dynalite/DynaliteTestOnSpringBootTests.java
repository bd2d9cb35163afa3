package io.eventhorizon.spring.test.dynalite;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.test.app.Greeted;
import io.eventhorizon.spring.test.app.GreetingApplication;
import io.eventhorizon.spring.test.app.Greetings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@code @SpringBootTest} with {@code @DynaliteTest}: the starter
 * stores its events in dynalite, in tables it created, and a test property still wins.
 */
@SpringBootTest(classes = GreetingApplication.class,
		properties = { "eventhorizon.dynamodb.events-table=greeting_events",
				"eventhorizon.dynamodb.snapshots-table=greeting_snapshots",
				"eventhorizon.synchronizer.enabled=false" })
@DynaliteTest
class DynaliteTestOnSpringBootTests {

	@Autowired
	private EventHorizonTemplate template;

	@Autowired
	private EventProcessorRegistry processors;

	@Autowired
	private Greetings greetings;

	@Autowired
	private EventLog eventLog;

	@Autowired
	private Environment environment;

	@Test
	void eventsAppendedThroughTheStarterAreReadBackFromDynalite(Dynalite dynalite) {
		this.template.append("/greetings", new Greeted("ann"), new Greeted("bob"));

		this.processors.byName("greetings").orElseThrow().reader().loadUntilRealtime();

		assertThat(this.greetings.names()).containsExactly("ann", "bob");
		assertThat(this.eventLog).isInstanceOf(DynamoDbEventLog.class);
		assertThat(this.environment.getProperty("spring.cloud.aws.dynamodb.endpoint"))
			.isEqualTo(dynalite.endpoint().toString());
		try (DynamoDbClient client = dynalite.newClient()) {
			assertThat(client.listTables().tableNames()).contains("greeting_events", "greeting_snapshots");
		}
	}

}
