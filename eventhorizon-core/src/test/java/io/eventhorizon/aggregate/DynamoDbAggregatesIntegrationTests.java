package io.eventhorizon.aggregate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static io.eventhorizon.aggregate.AggregatesContractTests.deposit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Aggregates on the DynamoDB event log (dynalite), and what a command on a cached aggregate
 * costs in calls.
 */
class DynamoDbAggregatesIntegrationTests extends AggregatesContractTests {

	private final CallCounter calls = new CallCounter();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient(this.calls);

	private String table;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aCommandOnACachedAccountMakesOnePutItemAndNoQuery() {
		EventLog log = bank();
		Aggregates<Account> accounts = instance(log);
		open(accounts, "acc-1", 100);
		this.calls.clear();

		accounts.execute("acc-1", deposit(5));

		assertThat(this.calls.snapshot()).containsExactly(entry("PutItem", 1L));
	}

	@Override
	protected EventLog newEventLog() {
		this.table = DynamoDbTestServer.uniqueTableName("aggregates");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(this.client).tableName(this.table).build();
	}

	@Override
	protected SnapshotStore newSnapshotStore() {
		return new DynamoDbSnapshotStore(this.client, this.table + "_snapshots");
	}

	/** Counts the calls the client makes, by operation name. */
	static final class CallCounter implements ExecutionInterceptor {

		private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			this.calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
					(operation) -> new LongAdder())
				.increment();
		}

		void clear() {
			this.calls.clear();
		}

		Map<String, Long> snapshot() {
			Map<String, Long> counts = new java.util.TreeMap<>();
			this.calls.forEach((operation, count) -> counts.put(operation, count.sum()));
			return counts;
		}

	}

}
