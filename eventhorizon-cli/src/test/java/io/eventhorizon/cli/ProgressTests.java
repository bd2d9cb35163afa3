package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress bar of long work, on a clock the test moves.
 */
class ProgressTests {

	private final AtomicLong nanoTime = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));

	private final StringWriter err = new StringWriter();

	@Test
	void aQuarterDoneInTenSecondsShowsTheRateAndThirtySecondsLeft() {
		Progress progress = new Progress(new PrintWriter(this.err), true, "items", 400, this.nanoTime::get);
		this.nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(10));
		progress.advance(100);

		assertThat(progress.line(this.nanoTime.get()))
			.isEqualTo("[#######                       ] 100/400 items  10/s  ETA 0:30");
		assertThat(this.err.toString()).startsWith("\r[#######").endsWith("\u001B[K");
	}

	@Test
	void withoutAnExpectedTotalItShowsTheCountAndTheRate() {
		Progress progress = new Progress(new PrintWriter(this.err), true, "items", 0, this.nanoTime::get);
		this.nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(2));
		progress.advance(50);

		assertThat(progress.line(this.nanoTime.get())).isEqualTo("50 items  25/s");
	}

	@Test
	void anEstimateThatIsPassedGrowsWithTheWorkDone() {
		Progress progress = new Progress(new PrintWriter(this.err), true, "items", 10, this.nanoTime::get);
		this.nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(1));
		progress.advance(20);

		assertThat(progress.line(this.nanoTime.get())).startsWith("[" + "#".repeat(30) + "] 20/20 items");
	}

	@Test
	void offATerminalOnlyTheSummaryIsPrinted() {
		Progress progress = new Progress(new PrintWriter(this.err), false, "items", 400, this.nanoTime::get);
		this.nanoTime.addAndGet(TimeUnit.SECONDS.toNanos(4));
		progress.advance(400);
		progress.close();

		assertThat(this.err.toString()).isEqualTo("400 items in 4.0 s (100/s)" + System.lineSeparator());
	}

}
