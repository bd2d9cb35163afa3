package io.eventhorizon.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.testing.BankEvents;
import io.eventhorizon.testing.BankEvents.Deposited;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failed attempt is seen, also those the SDK retries successfully on its own: the
 * server wrote the first attempt, its answer came back as an error, the SDK tried again,
 * and the entry was still written once.
 */
class RetriedAttemptsIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final List<String> attempts = new CopyOnWriteArrayList<>();

	private final AnswerRewriter rewriter = new AnswerRewriter();

	private final DynamoDbClient client = DynamoDbTestServer.get()
		.newClient((config) -> config.retryStrategy((retry) -> retry.maxAttempts(3)
			.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
			.throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))),
				// Answers pass the interceptors in reverse order: the rewriter must come last.
				new RetriedAttempts(new DynamoDbListener() {
					@Override
					public void attemptFailed(String table, String operation, String reason) {
						RetriedAttemptsIntegrationTests.this.attempts.add(operation + " " + reason);
					}
				}), this.rewriter);

	private final String table = DynamoDbTestServer.uniqueTableName("attempts");

	private final EventLog log = newLog();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aServerErrorTheSdkRetriedIsCountedAndTheCommitWrittenOnce() {
		this.rewriter.next.set(SdkHttpResponse.builder().statusCode(500).build());

		Cursor written = this.log.appendAfter(BANK.at(0), deposit(7));

		assertThat(written).isEqualTo(BANK.at(1));
		assertThat(this.attempts).containsExactly("PutItem server-error");
		assertThat(StreamContents.payloads(this.log, BankEvents.CODEC, BANK)).filteredOn(Deposited.class::isInstance)
			.containsExactly(new Deposited("a1", 7));
	}

	@Test
	void aThrottledAttemptIsCounted() {
		this.rewriter.next.set(SdkHttpResponse.builder()
			.statusCode(400)
			.putHeader("x-amzn-ErrorType", "ProvisionedThroughputExceededException")
			.build());

		this.log.appendAfter(BANK.at(0), deposit(8));

		assertThat(this.attempts).containsExactly("PutItem throttled");
	}

	private EventLog newLog() {
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.table, this.table + "_snapshots")).createMissing();
		EventLog log = DynamoDbEventLog.builder(this.client).tableName(this.table).build();
		log.bootstrap();
		log.createStream(BANK);
		return log;
	}

	private static LogData deposit(long amount) {
		return BankEvents.CODEC.encode(List.of(Event.of(new Deposited("a1", amount), EventMeta.system(Instant.EPOCH))));
	}

	/** Replaces the answer to the next append's put, after the server executed it. */
	private static final class AnswerRewriter implements ExecutionInterceptor {

		final AtomicReference<@Nullable SdkHttpResponse> next = new AtomicReference<>();

		@Override
		public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
			SdkHttpResponse replacement = this.next.get();
			if (replacement != null && context.request() instanceof PutItemRequest put && put.item().containsKey("i")
					&& this.next.compareAndSet(replacement, null)) {
				return replacement;
			}
			return context.httpResponse();
		}

	}

}
