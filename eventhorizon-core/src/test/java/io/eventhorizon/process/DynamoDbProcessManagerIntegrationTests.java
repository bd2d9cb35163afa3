package io.eventhorizon.process;

import java.io.IOException;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.dynamodb.SimulatedErrors;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The transfer process manager on the DynamoDB event log (dynalite); a lost answer is the
 * server executing the put and the SDK hearing an I/O error, then failing its retries and
 * the log's checks.
 */
class DynamoDbProcessManagerIntegrationTests extends ProcessManagerContractTests {

	private final LostAnswer lostAnswer = new LostAnswer();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClientWithQuickRetries(this.lostAnswer);

	private String table;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected EventLog newEventLog() {
		this.table = DynamoDbTestServer.uniqueTableName("process");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		return DynamoDbEventLog.builder(this.client).tableName(this.table).build();
	}

	@Override
	protected SnapshotStore newSnapshotStore() {
		return new DynamoDbSnapshotStore(this.client, this.table + "_snapshots");
	}

	@Override
	protected void loseTheAnswerOfTheNextAppendTo(StreamName stream) {
		this.lostAnswer.arm(stream);
	}

	@Override
	protected void heal() {
		this.lostAnswer.heal();
	}

	/**
	 * Once armed for a stream, lets the next put to it reach the server and loses its
	 * answer; from then on, until healed, fails the SDK's retries of the put and every
	 * {@code GetItem}, so that the event log cannot tell whether it was written.
	 */
	private static final class LostAnswer implements ExecutionInterceptor {

		private volatile @Nullable String armedStream;

		private volatile boolean lost;

		void arm(StreamName stream) {
			this.armedStream = stream.toString();
		}

		void heal() {
			this.armedStream = null;
			this.lost = false;
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (this.lost && (isArmedPut(context.request()) || context.request() instanceof GetItemRequest)) {
				throw SimulatedErrors.throttling();
			}
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (!this.lost && isArmedPut(context.request())) {
				this.lost = true;
				throw SdkClientException.builder()
					.message("Simulated lost answer")
					.cause(new IOException("Connection reset"))
					.build();
			}
		}

		private boolean isArmedPut(SdkRequest request) {
			String armed = this.armedStream;
			if (armed == null || !(request instanceof PutItemRequest put)) {
				return false;
			}
			AttributeValue stream = put.item().get("s");
			return stream != null && armed.equals(stream.s());
		}

	}

}
