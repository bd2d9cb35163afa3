package io.eventhorizon.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operators run {@code eventhorizon append /accounts/42 --after /accounts/42@0 -} at the
 * same moment: both puts of {@code /accounts/42@1} are held until both are about to be sent.
 */
class AppendRaceTests {

	private static final StreamName ACCOUNT = StreamName.of("/accounts/42");

	private final CliSession session = CliSession.withTables("cli_append_race");

	@AfterEach
	void close() {
		this.session.close();
	}

	@Test
	void twoOperatorsAppendingAfterTheSameCursorAtOnceAppendOneEntryAndTheOtherIsToldOfTheConflict()
			throws Exception {
		this.session.eventLog().bootstrap();
		this.session.eventLog().createStream(StreamName.of("/accounts"));
		this.session.eventLog().createStream(ACCOUNT);
		CyclicBarrier bothAboutToPut = new CyclicBarrier(2);

		CompletableFuture<CliRun> alice = CompletableFuture.supplyAsync(() -> append(bothAboutToPut, "alice"));
		CompletableFuture<CliRun> bob = CompletableFuture.supplyAsync(() -> append(bothAboutToPut, "bob"));
		List<CliRun> runs = List.of(alice.get(30, TimeUnit.SECONDS), bob.get(30, TimeUnit.SECONDS));

		assertThat(runs).as(runs.toString()).extracting(CliRun::exitCode).containsExactlyInAnyOrder(0, 1);
		assertThat(runs).filteredOn((run) -> run.exitCode() == 0)
			.singleElement()
			.extracting(CliRun::out)
			.isEqualTo("/accounts/42@1" + System.lineSeparator());
		assertThat(runs).filteredOn((run) -> run.exitCode() == 1)
			.singleElement()
			.extracting(CliRun::err)
			.asString()
			.contains("appended after /accounts/42@0 but the head is /accounts/42@1");
		List<LogEntry> entries = this.session.eventLog().read(ACCOUNT.at(0)).entries();
		assertThat(entries).as("entries after /accounts/42@0").hasSize(1);
		String winner = (runs.get(0).exitCode() == 0) ? "alice" : "bob";
		assertThat(entries.get(0).data().payloadText()).contains("\"u\":\"" + winner + "\"");
	}

	private CliRun append(CyclicBarrier barrier, String user) {
		String event = "{\"type\":\"account.Deposited\",\"payload\":{\"amount\":10},\"user\":\"" + user + "\"}";
		EventHorizonCli cli = heldAtPutOfVersionOne(barrier)
			.readingFrom(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
		return this.session.run(cli, "append", ACCOUNT.toString(), "--after", "/accounts/42@0", "-");
	}

	private static EventHorizonCli heldAtPutOfVersionOne(CyclicBarrier barrier) {
		AtomicBoolean held = new AtomicBoolean();
		return new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
				if (context.request() instanceof PutItemRequest put && isAccountAtOne(put)
						&& held.compareAndSet(false, true)) {
					try {
						barrier.await(10, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException("The other operator never got to its put", ex);
					}
				}
			}

		}));
	}

	private static boolean isAccountAtOne(PutItemRequest put) {
		AttributeValue stream = put.item().get("s");
		AttributeValue version = put.item().get("v");
		return stream != null && ACCOUNT.toString().equals(stream.s()) && version != null && "1".equals(version.n());
	}

}
