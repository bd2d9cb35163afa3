package io.eventhorizon.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import com.sun.management.ThreadMXBean;

/**
 * One measured pass of a benchmark on the calling thread: wall time, the thread's CPU time
 * and the bytes it allocated (the SDK's synchronous client does its work on the calling
 * thread, so this is the client's cost without the server's).
 *
 * @param events events (or appends) handled in the pass
 * @param wallNanos elapsed time
 * @param cpuNanos CPU time of the calling thread
 * @param allocatedBytes bytes allocated by the calling thread
 */
public record Pass(long events, long wallNanos, long cpuNanos, long allocatedBytes) {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	/**
	 * Runs one pass and measures it.
	 * @param work the pass, returning how many events (or calls) it handled
	 * @return the measurements
	 */
	public static Pass measure(LongSupplier work) {
		long thread = Thread.currentThread().getId();
		long allocated = THREADS.getThreadAllocatedBytes(thread);
		long cpu = THREADS.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		long events = work.getAsLong();
		long wall = System.nanoTime() - start;
		return new Pass(events, wall, THREADS.getCurrentThreadCpuTime() - cpu,
				THREADS.getThreadAllocatedBytes(thread) - allocated);
	}

	/**
	 * Measures both sides round after round, alternating which goes first so that neither
	 * always meets a warmer server; round 0 warms up and is not kept.
	 * @param rounds the rounds kept
	 * @param library one pass of the library
	 * @param baseline one pass of the baseline
	 * @return the passes kept, per side
	 */
	public static Sides interleave(int rounds, Supplier<Pass> library, Supplier<Pass> baseline) {
		List<Pass> libraryPasses = new ArrayList<>();
		List<Pass> baselinePasses = new ArrayList<>();
		for (int round = 0; round <= rounds; round++) {
			boolean libraryFirst = (round % 2 == 0);
			Pass first = libraryFirst ? library.get() : baseline.get();
			Pass second = libraryFirst ? baseline.get() : library.get();
			if (round > 0) {
				libraryPasses.add(libraryFirst ? first : second);
				baselinePasses.add(libraryFirst ? second : first);
			}
		}
		return new Sides(libraryPasses, baselinePasses);
	}

	/**
	 * Returns the median of a figure over passes.
	 * @param passes the passes, at least one
	 * @param figure the figure of a pass
	 * @return the median
	 */
	public static double median(List<Pass> passes, ToDoubleFunction<Pass> figure) {
		double[] values = passes.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/**
	 * Returns the events handled per second of wall time.
	 * @return the figure
	 */
	public double eventsPerSecond() {
		return this.events / (this.wallNanos / 1e9);
	}

	/**
	 * Returns the wall time per event, in milliseconds.
	 * @return the figure
	 */
	public double millisPerEvent() {
		return this.wallNanos / 1e6 / this.events;
	}

	/**
	 * Returns the calling thread's CPU time per event, in microseconds.
	 * @return the figure
	 */
	public double cpuMicrosPerEvent() {
		return this.cpuNanos / 1e3 / this.events;
	}

	/**
	 * Returns the bytes the calling thread allocated per event.
	 * @return the figure
	 */
	public double bytesPerEvent() {
		return (double) this.allocatedBytes / this.events;
	}

	/**
	 * The passes of both sides of a benchmark.
	 *
	 * @param library the library's passes
	 * @param baseline the baseline's passes
	 */
	public record Sides(List<Pass> library, List<Pass> baseline) {

		/**
		 * Returns the median of a figure over the library's passes.
		 * @param figure the figure of a pass
		 * @return the median
		 */
		public double library(ToDoubleFunction<Pass> figure) {
			return median(this.library, figure);
		}

		/**
		 * Returns the median of a figure over the baseline's passes.
		 * @param figure the figure of a pass
		 * @return the median
		 */
		public double baseline(ToDoubleFunction<Pass> figure) {
			return median(this.baseline, figure);
		}

	}

}
