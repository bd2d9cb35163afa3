package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.dynamodb.MissingTableException;
import io.eventhorizon.spring.InvalidAggregateException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class EventHorizonFailureAnalyzerTests {

	private final EventHorizonFailureAnalyzer analyzer = new EventHorizonFailureAnalyzer();

	@Test
	void aMissingTableSaysHowToCreateIt() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("eventHorizonTablesInitializer", "failed", new MissingTableException("prod_events")));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("DynamoDB table \"prod_events\" does not exist");
		assertThat(analysis.getAction()).contains("eventhorizon.dynamodb.create-tables=true")
			.contains("dynamodb:CreateTable");
	}

	@Test
	void aMissingRegionSaysWhereToSetIt() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("eventHorizonDynamoDbClient",
				"failed", SdkClientException.create("Unable to load region from any of the providers in the chain")));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("no AWS region is configured");
		assertThat(analysis.getAction()).contains("spring.cloud.aws.region.static")
			.contains("eventhorizon.dynamodb.region")
			.contains("eventhorizon.store=in-memory");
	}

	@Test
	void aWronglyDeclaredAggregateSaysWhereToLook() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("accountAggregates", "failed",
				new InvalidAggregateException("@Aggregate class Account has no @EventHandler methods")));

		assertThat(analysis.getDescription()).isEqualTo("@Aggregate class Account has no @EventHandler methods");
		assertThat(analysis.getAction()).contains("@Aggregate").contains("docs/aggregates.md");
	}

	@Test
	void otherFailuresAreLeftToOthers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("something else"))).isNull();
	}

}
