package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.dynamodb.MissingIndexException;
import io.eventhorizon.dynamodb.MissingTableException;
import io.eventhorizon.dynamodb.TableSchemaMismatchException;
import io.eventhorizon.spring.InvalidAggregateException;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.tree.NoChangeFeedException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns EventHorizon's startup failures into a description and an action: a missing or
 * mismatched table, a missing change feed index, an event log without a change feed, a
 * missing AWS region, a wrongly declared processor.
 *
 * @since 0.1.0
 */
class EventHorizonFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			FailureAnalysis analysis = analyzeOne(cause, failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	private static @Nullable FailureAnalysis analyzeOne(Throwable cause, Throwable failure) {
		if (cause instanceof MissingTableException missing) {
			return new FailureAnalysis(cause.getMessage(), "Create the table \"" + missing.getTableName()
					+ "\" (partition key s of type S; sort key v of type N for events, c of type S for snapshots), "
					+ "or set eventhorizon.dynamodb.create-tables=true to create it at startup (this needs the "
					+ "dynamodb:CreateTable permission), or point eventhorizon.dynamodb.events-table and "
					+ "snapshots-table at existing tables.", failure);
		}
		if (cause instanceof MissingIndexException missing) {
			return new FailureAnalysis(cause.getMessage(), "Add the global secondary index \"" + missing.getIndexName()
					+ "\" to the table \"" + missing.getTableName() + "\" (partition key f of type S, sort key ft of "
					+ "type N, projection KEYS_ONLY): set eventhorizon.dynamodb.create-tables=true to add it at "
					+ "startup (this needs the dynamodb:UpdateTable permission), or run aws dynamodb update-table "
					+ "--table-name " + missing.getTableName() + " --attribute-definitions AttributeName=f,"
					+ "AttributeType=S AttributeName=ft,AttributeType=N --global-secondary-index-updates "
					+ "'[{\"Create\":{\"IndexName\":\"" + missing.getIndexName() + "\",\"KeySchema\":[{\"AttributeName\":"
					+ "\"f\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"ft\",\"KeyType\":\"RANGE\"}],"
					+ "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}}]', or deploy the index of "
					+ "docs/aws/eventhorizon-tables.yaml with CloudFormation.", failure);
		}
		if (cause instanceof NoChangeFeedException) {
			return new FailureAnalysis(cause.getMessage(), "A read model of a tree of streams (@EventProcessor(tree "
					+ "= ...)) needs an event log that keeps a change feed: use eventhorizon.store=dynamodb (whose "
					+ "events table has the feed index) or eventhorizon.store=in-memory, and no EventLog bean of "
					+ "your own that keeps none (see docs/stream-trees.md); or follow single streams instead.", failure);
		}
		if (cause instanceof TableSchemaMismatchException) {
			return new FailureAnalysis(cause.getMessage(), "Point eventhorizon.dynamodb.events-table and "
					+ "snapshots-table at tables with EventHorizon's keys, or let EventHorizon create new ones with "
					+ "eventhorizon.dynamodb.create-tables=true and new table names.", failure);
		}
		if (cause instanceof SdkClientException && cause.getMessage() != null
				&& cause.getMessage().contains("region")) {
			return new FailureAnalysis("EventHorizon stores events in DynamoDB (eventhorizon.store=dynamodb), but no "
					+ "AWS region is configured: " + cause.getMessage(), "Set spring.cloud.aws.region.static (with "
					+ "Spring Cloud AWS) or eventhorizon.dynamodb.region, or the AWS_REGION environment variable; "
					+ "or use eventhorizon.store=in-memory to run without AWS.", failure);
		}
		if (cause instanceof InvalidAggregateException) {
			return new FailureAnalysis(cause.getMessage(),
					"Correct the declaration named above; see the Javadoc of @Aggregate and docs/aggregates.md.", failure);
		}
		if (cause instanceof InvalidEventProcessorException) {
			return new FailureAnalysis(cause.getMessage(),
					"Correct the declaration named above; see the Javadoc of @EventProcessor, @EventHandler and "
							+ "@TransactionalAppend.",
					failure);
		}
		return null;
	}

}
