package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.dynamodb.MissingIndexException;
import io.eventhorizon.dynamodb.MissingTableException;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.InvalidAggregateException;
import io.eventhorizon.testing.ForwardingEventLog;
import io.eventhorizon.tree.NoChangeFeedException;
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
	void aMissingFeedIndexNamesTheTableAndTheIndexAndSaysHowToAddIt() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("accountListReader", "failed",
				new MissingIndexException("prod_events", "feed", new IllegalStateException("no such index"))));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("\"prod_events\"").contains("\"feed\"");
		assertThat(analysis.getAction()).contains("eventhorizon.dynamodb.create-tables=true")
			.contains("dynamodb:UpdateTable")
			.contains("aws dynamodb update-table --table-name prod_events")
			.contains("docs/aws/eventhorizon-tables.yaml");
	}

	@Test
	void anEventLogWithoutAChangeFeedUnderATreeProcessorSaysWhichStoreKeepsOne() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("accountListReader", "failed",
				new NoChangeFeedException(new ForwardingEventLog(new InMemoryEventLog()) {
				})));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("keeps no change feed");
		assertThat(analysis.getAction()).contains("eventhorizon.store=dynamodb").contains("docs/stream-trees.md");
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
