package io.eventhorizon.cli;

import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code tail STREAM} command: prints the entries of a stream as they arrive, from its
 * head (or its beginning), reading with the event log every {@code --poll}, until it is
 * stopped. Each entry is printed once, in order, and flushed at once.
 * <p>
 * Interrupting the thread that runs it stops it, and it returns 0. Ctrl-C in a process
 * reaches it through a shutdown hook, which interrupts it and waits until it has printed
 * what it read; the process then exits with 130, as programs ended by Ctrl-C do.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
		description = "Prints the entries of STREAM as they arrive, until Ctrl-C.")
class TailCommand implements Callable<Integer> {

	private static final Duration STOPPING_TIMEOUT = Duration.ofSeconds(5);

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions outputOptions = new OutputOptions();

	@Parameters(paramLabel = "STREAM", description = "The stream to follow, for example /bank.")
	private String stream = "";

	@Option(names = "--from-start", description = "Prints the stream from its beginning first, not from its head.")
	private boolean fromStart;

	@Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
			description = "How long to wait before reading again at the head: 200ms, 1s, 2m or ISO-8601 such as PT0.5S "
					+ "(default: ${DEFAULT-VALUE}).")
	private Duration poll = Duration.ofSeconds(1);

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName name = StreamName.of(this.stream);
		EntryView view = new EntryView(Output.of(this.spec, this.outputOptions));
		CountDownLatch stopped = new CountDownLatch(1);
		Thread onCtrlC = stopOnShutdown(Thread.currentThread(), stopped);
		Runtime.getRuntime().addShutdownHook(onCtrlC);
		try (DynamoDbClient client = cli.newClient()) {
			EventLog eventLog = cli.eventLog(client);
			Cursor after = this.fromStart ? name.beginning() : eventLog.head(name);
			while (!Thread.currentThread().isInterrupted()) {
				ReadResult page = eventLog.read(after);
				for (LogEntry entry : page.entries()) {
					view.print(entry);
				}
				after = page.lastEntry();
				if (!page.more()) {
					Thread.sleep(this.poll.toMillis());
				}
			}
			return 0;
		}
		catch (InterruptedException ex) {
			return 0;
		}
		catch (RuntimeException ex) {
			// The SDK ends a call that an interrupt cuts short with its own exception.
			if (Thread.currentThread().isInterrupted() || isInterruption(ex)) {
				return 0;
			}
			throw ex;
		}
		finally {
			stopped.countDown();
			removeHook(onCtrlC);
		}
	}

	private static Thread stopOnShutdown(Thread tail, CountDownLatch stopped) {
		return new Thread(() -> {
			tail.interrupt();
			try {
				stopped.await(STOPPING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "eventhorizon-tail-stop");
	}

	private static boolean isInterruption(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException
					|| cause instanceof AbortedException) {
				return true;
			}
		}
		return false;
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The process is shutting down: the hook is running, and is what stopped the tail.
		}
	}

}
