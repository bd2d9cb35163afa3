package io.eventhorizon.testing;

import java.util.List;

/**
 * Prints benchmark figures in one line each, library against baseline, so that every
 * scenario of every module reads the same way:
 * {@code bench | scenario | settings | library … | baseline … | ratio … (kind; target …)}.
 */
public final class BenchmarkReport {

	private BenchmarkReport() {
	}

	/**
	 * Prints a scenario's figures and their ratio.
	 * @param scenario what was measured
	 * @param settings entries, events per entry, sizes, threads, page size
	 * @param unit the unit of both figures
	 * @param library the library's figure
	 * @param baseline the baseline's figure
	 * @param kind {@code "time"}, {@code "rate"} or {@code "cost"} (ratio library/baseline),
	 * or {@code "speed-up"} (printed as how many times faster the library is)
	 * @param target the target the ratio is held to
	 */
	public static void print(String scenario, String settings, String unit, double library, double baseline,
			String kind, String target) {
		// A speed-up reads better as "how many times faster" than as a small fraction.
		String ratio = kind.equals("speed-up") ? String.format("%.0fx faster", baseline / library)
				: String.format("%.2f", library / baseline);
		System.out.printf("bench | %s | %s | library %.3f %s | baseline %.3f %s | ratio %s (%s; target %s)%n",
				scenario, settings, library, unit, baseline, unit, ratio, kind, target);
	}

	/**
	 * Returns a percentile by the nearest-rank method.
	 * @param sorted the values, sorted ascending, at least one
	 * @param percent the percentile, above 0 and at most 100
	 * @return the value at that rank
	 */
	public static double percentile(List<Double> sorted, double percent) {
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

}
