package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on the error stream for long work (export, import, verify): done out of
 * the expected total, the rate and an estimate of the time left. Drawn only on a terminal,
 * at most ten times a second, so that scripts and logs get the summary line alone.
 * <p>
 * Not thread-safe: the thread doing the work advances it.
 */
final class Progress implements AutoCloseable {

	private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

	private static final int BAR_WIDTH = 30;

	private final PrintWriter err;

	private final boolean terminal;

	private final String unit;

	private final LongSupplier nanoTime;

	private final long started;

	private long expected;

	private long done;

	private long drawn;

	Progress(PrintWriter err, boolean terminal, String unit, long expected, LongSupplier nanoTime) {
		this.err = err;
		this.terminal = terminal;
		this.unit = unit;
		this.expected = Math.max(0, expected);
		this.nanoTime = nanoTime;
		this.started = nanoTime.getAsLong();
		this.drawn = this.started - REDRAW_NANOS;
	}

	/**
	 * Returns a progress bar on a command's error stream, drawn when the command's colours
	 * are on (picocli turns them on for a terminal).
	 * @param spec the command's spec
	 * @param unit what is counted, plural, such as {@code items}
	 * @param expected how many are expected; 0 when not known
	 * @return the progress bar
	 */
	static Progress of(picocli.CommandLine.Model.CommandSpec spec, String unit, long expected) {
		return new Progress(spec.commandLine().getErr(), spec.commandLine().getColorScheme().ansi().enabled(), unit,
				expected, System::nanoTime);
	}

	/**
	 * Counts work done, and redraws the bar when it is time.
	 * @param count how many more are done
	 */
	void advance(long count) {
		this.done += count;
		if (this.expected > 0) {
			// An estimate of the total (DynamoDB's item count is hours old) may be passed.
			this.expected = Math.max(this.expected, this.done);
		}
		long now = this.nanoTime.getAsLong();
		if (this.terminal && now - this.drawn >= REDRAW_NANOS) {
			this.drawn = now;
			this.err.print("\r" + line(now) + "\u001B[K");
			this.err.flush();
		}
	}

	/**
	 * Returns how many are done.
	 * @return the count
	 */
	long done() {
		return this.done;
	}

	/**
	 * Returns the bar as it is drawn now.
	 * @param now the current {@link System#nanoTime()}
	 * @return the line
	 */
	String line(long now) {
		StringBuilder line = new StringBuilder();
		if (this.expected > 0) {
			int filled = (int) (BAR_WIDTH * this.done / this.expected);
			line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
		}
		line.append(this.done);
		if (this.expected > 0) {
			line.append('/').append(this.expected);
		}
		line.append(' ').append(this.unit);
		double rate = rate(now);
		line.append(String.format(Locale.ROOT, "  %.0f/s", rate));
		if (this.expected > 0 && rate > 0) {
			long secondsLeft = (long) Math.ceil((this.expected - this.done) / rate);
			line.append("  ETA ").append(clock(secondsLeft));
		}
		return line.toString();
	}

	/**
	 * Ends the bar with a summary: how many, in how long, at what rate.
	 */
	@Override
	public void close() {
		long now = this.nanoTime.getAsLong();
		if (this.terminal) {
			this.err.print("\r\u001B[K");
		}
		double seconds = (now - this.started) / 1e9;
		this.err.println(String.format(Locale.ROOT, "%d %s in %.1f s (%.0f/s)", this.done, this.unit, seconds,
				rate(now)));
		this.err.flush();
	}

	private double rate(long now) {
		double seconds = (now - this.started) / 1e9;
		return (seconds > 0) ? this.done / seconds : 0;
	}

	private static String clock(long seconds) {
		return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

}
