package io.eventhorizon.bench;

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
record Pass(long events, long wallNanos, long cpuNanos, long allocatedBytes) {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	static Pass measure(LongSupplier work) {
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
	 */
	static Sides interleave(int rounds, Supplier<Pass> library, Supplier<Pass> baseline) {
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

	static double median(List<Pass> passes, ToDoubleFunction<Pass> figure) {
		double[] values = passes.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	double eventsPerSecond() {
		return this.events / (this.wallNanos / 1e9);
	}

	double millisPerEvent() {
		return this.wallNanos / 1e6 / this.events;
	}

	double cpuMicrosPerEvent() {
		return this.cpuNanos / 1e3 / this.events;
	}

	double bytesPerEvent() {
		return (double) this.allocatedBytes / this.events;
	}

	/**
	 * The passes of both sides of a benchmark.
	 *
	 * @param library the library's passes
	 * @param baseline the baseline's passes
	 */
	record Sides(List<Pass> library, List<Pass> baseline) {

		double library(ToDoubleFunction<Pass> figure) {
			return median(this.library, figure);
		}

		double baseline(ToDoubleFunction<Pass> figure) {
			return median(this.baseline, figure);
		}

	}

}
