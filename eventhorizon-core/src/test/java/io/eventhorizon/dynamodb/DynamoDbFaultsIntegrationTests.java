package io.eventhorizon.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Throttling and server errors, injected in the SDK's pipeline: the SDK retries with
 * backoff, commits are written exactly once, and what outlasts the retries is reported.
 */
class DynamoDbFaultsIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final Faults faults = new Faults();

	// The SDK's own retries, with short waits: three attempts in all.
	private final DynamoDbClient client = DynamoDbTestServer.get().newClientWithQuickRetries(this.faults);

	private final List<String> throttled = new CopyOnWriteArrayList<>();

	private final String table = DynamoDbTestServer.uniqueTableName("faults");

	private final EventLog log = newLog();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aPutThrottledTwiceIsRetriedAndWrittenOnce() {
		this.faults.beforeSending(2, SimulatedErrors::throttling);

		Cursor written = this.log.appendAfter(BANK.at(0), BankEvents.deposit(1));

		assertThat(written).isEqualTo(BANK.at(1));
		assertThat(this.faults.injected).hasValue(2);
		assertThat(deposits()).containsExactly(new Deposited("a1", 1));
		assertThat(this.throttled).isEmpty();
	}

	@Test
	void aServerErrorAfterThePutWasWrittenDoesNotWriteItTwice() {
		this.faults.afterSending(1, SimulatedErrors::internalServerError);

		Cursor written = this.log.appendAfter(BANK.at(0), BankEvents.deposit(2));

		assertThat(written).isEqualTo(BANK.at(1));
		assertThat(this.faults.injected).hasValue(1);
		assertThat(deposits()).containsExactly(new Deposited("a1", 2));
	}

	@Test
	void throttlingThatOutlastsTheRetriesIsReportedAndNothingIsWritten() {
		this.faults.beforeSending(Integer.MAX_VALUE, SimulatedErrors::throttling);

		assertThatExceptionOfType(ProvisionedThroughputExceededException.class)
			.isThrownBy(() -> this.log.appendAfter(BANK.at(0), BankEvents.deposit(3)));

		assertThat(this.throttled).containsExactly(this.table + " PutItem");
		this.faults.beforeSending(0, () -> null);
		assertThat(deposits()).isEmpty();
	}

	private EventLog newLog() {
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		EventLog log = DynamoDbEventLog.builder(this.client).tableName(this.table).listener(new DynamoDbListener() {
			@Override
			public void throttled(String table, String operation) {
				DynamoDbFaultsIntegrationTests.this.throttled.add(table + " " + operation);
			}
		}).build();
		log.bootstrap();
		log.createStream(BANK);
		return log;
	}

	private List<Deposited> deposits() {
		return BankEvents.deposits(this.log, BANK);
	}

	/** Fails the next appends' puts (@1 and later) before or after they reach the server. */
	private static final class Faults implements ExecutionInterceptor {

		final AtomicInteger injected = new AtomicInteger();

		private volatile int before;

		private volatile int after;

		private volatile Supplier<AwsServiceException> failure = () -> null;

		void beforeSending(int times, Supplier<AwsServiceException> failure) {
			this.failure = failure;
			this.before = times;
		}

		void afterSending(int times, Supplier<AwsServiceException> failure) {
			this.failure = failure;
			this.after = times;
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (isAppend(context.request()) && this.before > 0) {
				this.before--;
				this.injected.incrementAndGet();
				throw this.failure.get();
			}
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (isAppend(context.request()) && this.after > 0) {
				this.after--;
				this.injected.incrementAndGet();
				throw this.failure.get();
			}
		}

		private static boolean isAppend(Object request) {
			return request instanceof PutItemRequest put && !put.item().get("v").n().equals("0")
					&& put.item().containsKey("i");
		}

	}

}
