package io.eventhorizon.dynamodb;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A put whose outcome the SDK cannot tell (its first attempt written, the answer lost, and
 * every retry failing) is settled by its commit id: written is success, absent is the
 * put's own failure, another writer's entry is a conflict, and a check that fails too is
 * reported as unknown. Never a failure for what was written, never success for what was
 * not.
 */
class DynamoDbUnknownOutcomeIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final Faults faults = new Faults();

	// The SDK's own retries, with short waits: three attempts in all.
	private final DynamoDbClient client = DynamoDbTestServer.get().newClientWithQuickRetries(this.faults);

	private final DynamoDbClient healthyClient = DynamoDbTestServer.get().newClient();

	private final String table = DynamoDbTestServer.uniqueTableName("outcomes");

	private final EventLog log = newLog();

	@AfterEach
	void closeClients() {
		this.client.close();
		this.healthyClient.close();
	}

	@Test
	void aPutWrittenWhoseAnswerWasLostAndWhoseRetriesAllFailedIsReportedAsWritten() {
		this.faults.loseTheAnswerThenFailEveryRetry();

		Cursor written = this.log.appendAfter(BANK.at(0), BankEvents.deposit(1));

		assertThat(written).isEqualTo(BANK.at(1));
		assertThat(this.faults.retriesFailed).as("the SDK gave up on the put").hasValue(2);
		assertThat(deposits()).containsExactly(new Deposited("a1", 1));
	}

	@Test
	void aPutThatNeverReachedTheServerFailsWithItsOwnErrorAndWritesNothing() {
		this.faults.failEveryAttemptBeforeSending();

		assertThatExceptionOfType(SdkClientException.class)
			.isThrownBy(() -> this.log.appendAfter(BANK.at(0), BankEvents.deposit(2)))
			.withMessageContaining("Simulated connection refused");

		this.faults.heal();
		assertThat(deposits()).isEmpty();
		assertThat(this.log.appendAfter(BANK.at(0), BankEvents.deposit(3))).isEqualTo(BANK.at(1));
	}

	@Test
	void aPutAndItsCheckBothFailingIsReportedAsUnknownAndAReadTellsWhatHappened() {
		this.faults.loseTheAnswerThenFailEveryRetry();
		this.faults.failEveryCheck();

		assertThatExceptionOfType(AppendOutcomeUnknownException.class)
			.isThrownBy(() -> this.log.appendAfter(BANK.at(0), BankEvents.deposit(4)))
			.withMessageContaining("/bank@1")
			.satisfies((ex) -> {
				assertThat(ex.getTarget()).isEqualTo(BANK.at(1));
				assertThat(ex.getCause()).isInstanceOf(ProvisionedThroughputExceededException.class);
				assertThat(ex.getSuppressed()).singleElement().isInstanceOf(DynamoDbException.class);
			});

		this.faults.heal();
		assertThat(deposits()).as("the first attempt was written, once").containsExactly(new Deposited("a1", 4));
	}

	@Test
	void aWriterWhoseAnswerWasLostWhileAnotherWonTheSlotGetsAConflictNeverSuccess() throws Exception {
		EventLog rival = DynamoDbEventLog.builder(this.healthyClient).tableName(this.table).build();
		CountDownLatch putInFlight = new CountDownLatch(1);
		CountDownLatch rivalWrote = new CountDownLatch(1);
		this.faults.holdTheFirstAttempt(putInFlight, rivalWrote);
		this.faults.loseTheAnswerThenFailEveryRetry();
		ExecutorService writerThread = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture<Cursor> writer = CompletableFuture
				.supplyAsync(() -> this.log.appendAfter(BANK.at(0), BankEvents.deposit(5)), writerThread);
			assertThat(putInFlight.await(30, TimeUnit.SECONDS)).isTrue();

			assertThat(rival.appendAfter(BANK.at(0), BankEvents.deposit(6))).isEqualTo(BANK.at(1));
			rivalWrote.countDown();

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> writer.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(OptimisticLockingException.class,
						(conflict) -> assertThat(conflict.getActualHead()).isEqualTo(BANK.at(1)));
		}
		finally {
			writerThread.shutdownNow();
		}
		assertThat(this.faults.retriesFailed).as("the SDK gave up on the put").hasValue(2);
		assertThat(deposits()).containsExactly(new Deposited("a1", 6));
	}

	private EventLog newLog() {
		new DynamoDbTables(this.healthyClient, new DynamoDbTableNames(this.table, this.table + "_snapshots"))
			.createMissing();
		EventLog setUp = DynamoDbEventLog.builder(this.healthyClient).tableName(this.table).build();
		setUp.bootstrap();
		setUp.createStream(BANK);
		return DynamoDbEventLog.builder(this.client).tableName(this.table).build();
	}

	private List<Deposited> deposits() {
		return BankEvents.deposits(DynamoDbEventLog.builder(this.healthyClient).tableName(this.table).build(), BANK);
	}

	/**
	 * Fails the puts of appends (@1 and later) and the checks that follow them, before or
	 * after they reach the server.
	 */
	private static final class Faults implements ExecutionInterceptor {

		final AtomicInteger retriesFailed = new AtomicInteger();

		private volatile boolean loseAnswer;

		private volatile boolean answerLost;

		private volatile boolean refuseConnections;

		private volatile boolean failChecks;

		private volatile CountDownLatch inFlight = new CountDownLatch(0);

		private volatile CountDownLatch release = new CountDownLatch(0);

		/** The server executes the next put, its answer is lost and every retry is throttled. */
		void loseTheAnswerThenFailEveryRetry() {
			this.loseAnswer = true;
		}

		void failEveryAttemptBeforeSending() {
			this.refuseConnections = true;
		}

		/** Fails every {@code GetItem} once a put's answer was lost. */
		void failEveryCheck() {
			this.failChecks = true;
		}

		/** Holds the next put before it is sent, until {@code release} opens. */
		void holdTheFirstAttempt(CountDownLatch inFlight, CountDownLatch release) {
			this.inFlight = inFlight;
			this.release = release;
		}

		void heal() {
			this.loseAnswer = false;
			this.answerLost = false;
			this.refuseConnections = false;
			this.failChecks = false;
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (context.request() instanceof GetItemRequest && this.failChecks && this.answerLost) {
				throw SimulatedErrors.internalServerError();
			}
			if (!isAppend(context.request())) {
				return;
			}
			if (this.refuseConnections) {
				throw SdkClientException.builder()
					.message("Simulated connection refused")
					.cause(new ConnectException("Connection refused"))
					.build();
			}
			if (this.answerLost) {
				this.retriesFailed.incrementAndGet();
				throw SimulatedErrors.throttling();
			}
			this.inFlight.countDown();
			await(this.release);
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (isAppend(context.request()) && this.loseAnswer && !this.answerLost) {
				this.answerLost = true;
				throw SdkClientException.builder()
					.message("Simulated lost answer")
					.cause(new IOException("Connection reset"))
					.build();
			}
		}

		private static boolean isAppend(Object request) {
			return request instanceof PutItemRequest put && !put.item().get("v").n().equals("0");
		}

		private static void await(CountDownLatch latch) {
			try {
				if (!latch.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The test never released the put");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
