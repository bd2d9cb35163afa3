package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.eventhorizon.testing.Latches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventhorizon tail} run in-process against dynalite while another writer appends:
 * the tail's reads are counted by an SDK interceptor, which lets the writer append only
 * after the tail's first read and holds the tail's second read until the writer is done.
 */
class TailCommandTests {

	private static final String DEPOSITED = "{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00Z\"} {\"Amount\":5}";

	private final BankStream bank = BankStream.create("cli_tail");

	@BeforeEach
	void depositOnce() {
		deposit();
	}

	@AfterEach
	void closeSession() {
		this.bank.close();
	}

	@Test
	void entriesAppendedByAnotherWriterWhileTailRunsArePrintedOnceInOrder() throws Exception {
		CountDownLatch firstReadDone = new CountDownLatch(1);
		CountDownLatch appended = new CountDownLatch(1);
		Semaphore reads = new Semaphore(0);
		Tail tail = new Tail(heldBetweenFirstAndSecondRead(firstReadDone, appended, reads), reads, "/bank@4", "tail",
				"/bank", "--poll", "10ms");

		assertThat(firstReadDone.await(30, TimeUnit.SECONDS)).as("the tail's first read").isTrue();
		deposit();
		deposit();
		deposit();
		appended.countDown();
		String out = tail.stopAfterItPrinted();

		assertThat(tail.exitCode()).as(out).isZero();
		assertThat(out.lines().filter((line) -> line.startsWith("/bank@"))).as(out)
			.containsExactly("/bank@2  data", "/bank@3  data", "/bank@4  data");
	}

	@Test
	void aBurstLargerThanOneReadBetweenTwoPollsIsPrintedWholeOnceInOrder() throws Exception {
		CountDownLatch firstReadDone = new CountDownLatch(1);
		CountDownLatch appended = new CountDownLatch(1);
		Semaphore reads = new Semaphore(0);
		Tail tail = new Tail(heldBetweenFirstAndSecondRead(firstReadDone, appended, reads), reads, "/bank@151", "tail",
				"/bank", "--poll", "10ms");

		assertThat(firstReadDone.await(30, TimeUnit.SECONDS)).as("the tail's first read").isTrue();
		// The event log reads 100 entries a page: the burst takes the tail two reads in a row.
		for (int burst = 0; burst < 150; burst++) {
			deposit();
		}
		appended.countDown();
		String out = tail.stopAfterItPrinted();

		assertThat(tail.exitCode()).as(out).isZero();
		assertThat(out.lines().filter((line) -> line.startsWith("/bank@"))).as(out)
			.containsExactlyElementsOf(IntStream.rangeClosed(2, 151).mapToObj((version) -> "/bank@" + version + "  data")
				.toList());
	}

	@Test
	void fromTheStartItPrintsTheWholeStreamThenWhatArrives() throws Exception {
		CountDownLatch firstReadDone = new CountDownLatch(1);
		CountDownLatch appended = new CountDownLatch(1);
		Semaphore reads = new Semaphore(0);
		Tail tail = new Tail(heldBetweenFirstAndSecondRead(firstReadDone, appended, reads), reads, "/bank@2", "tail",
				"/bank", "--from-start", "--json", "--poll", "PT0.01S");

		assertThat(firstReadDone.await(30, TimeUnit.SECONDS)).as("the tail's first read").isTrue();
		deposit();
		appended.countDown();
		String out = tail.stopAfterItPrinted();

		assertThat(tail.exitCode()).as(out).isZero();
		assertThat(out.lines().map((line) -> line.substring(0, line.indexOf(",")))).as(out)
			.containsExactly("{\"cursor\":\"/bank@0\"", "{\"cursor\":\"/bank@1\"", "{\"cursor\":\"/bank@2\"");
	}

	@Test
	void aStreamThatDoesNotExistIsRefusedNamingIt() {
		CliRun tail = this.bank.run("tail", "/nowhere");

		assertThat(tail.exitCode()).isEqualTo(1);
		assertThat(tail.err()).contains("Stream /nowhere does not exist");
	}

	@Test
	void aPollThatIsNoDurationIsAUsageErrorNamingIt() {
		CliRun tail = this.bank.run("tail", "/bank", "--poll", "soon");

		assertThat(tail.exitCode()).isEqualTo(2);
		assertThat(tail.err()).contains("'soon' is not a duration");
	}

	private void deposit() {
		this.bank.append(DEPOSITED);
	}

	// The event log reads a page with "v > :v"; its head query has no such condition.
	private static boolean isPageRead(Object request) {
		return request instanceof QueryRequest query && query.keyConditionExpression().contains(">");
	}

	private static EventHorizonCli heldBetweenFirstAndSecondRead(CountDownLatch firstReadDone,
			CountDownLatch appended, Semaphore readsDone) {
		AtomicInteger reads = new AtomicInteger();
		return new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (isPageRead(context.request()) && reads.incrementAndGet() == 2) {
					Latches.await(appended);
				}
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (isPageRead(context.request())) {
					firstReadDone.countDown();
					readsDone.release();
				}
			}

		}));
	}

	/**
	 * A tail running on a thread of its own, its output watched for the last cursor expected.
	 * It is stopped only after two more reads, so that an entry printed twice would show.
	 */
	private final class Tail {

		private final CountDownLatch lastPrinted = new CountDownLatch(1);

		private final StringWriter out = new StringWriter() {

			@Override
			public void flush() {
				if (toString().contains("\"" + Tail.this.last + "\"") || toString().contains(Tail.this.last + "  ")) {
					Tail.this.lastPrinted.countDown();
				}
			}

		};

		private final String last;

		private final FutureTask<Integer> exitCode;

		private final Thread thread;

		private final Semaphore reads;

		Tail(EventHorizonCli cli, Semaphore reads, String last, String... args) {
			this.reads = reads;
			this.last = last;
			CommandLine commandLine = EventHorizonCli.commandLine(cli);
			commandLine.setOut(new PrintWriter(this.out, true));
			commandLine.setErr(new PrintWriter(new StringWriter(), true));
			String[] line = TailCommandTests.this.bank.session().commandLine(args);
			this.exitCode = new FutureTask<>(() -> commandLine.execute(line));
			this.thread = new Thread(this.exitCode, "tail");
			this.thread.start();
		}

		String stopAfterItPrinted() throws Exception {
			assertThat(this.lastPrinted.await(30, TimeUnit.SECONDS)).as("%s printed, in:%n%s", this.last, this.out)
				.isTrue();
			// The tail prints what a read found before it reads again: after two more reads, it has
			// printed what the first of them found.
			this.reads.drainPermits();
			assertThat(this.reads.tryAcquire(2, 30, TimeUnit.SECONDS)).as("two more reads").isTrue();
			this.thread.interrupt();
			this.exitCode.get(30, TimeUnit.SECONDS);
			return this.out.toString();
		}

		int exitCode() throws Exception {
			return this.exitCode.get(30, TimeUnit.SECONDS);
		}

	}

}
