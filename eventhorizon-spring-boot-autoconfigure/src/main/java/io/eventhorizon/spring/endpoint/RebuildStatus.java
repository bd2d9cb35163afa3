package io.eventhorizon.spring.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * The last rebuild of one processor that the endpoint started, as its read operation shows
 * it.
 *
 * @param state {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param fromSnapshot whether it started from the newest snapshot rather than from the
 * beginning
 * @param startedAt when it started
 * @param finishedAt when it ended, or {@code null} while it runs
 * @param entriesFed entries fed so far, or in all once it completed
 * @param error why it failed, or {@code null}
 * @since 0.1.0
 */
public record RebuildStatus(String state, boolean fromSnapshot, String startedAt, @Nullable String finishedAt,
		long entriesFed, @Nullable String error) {

	/** The state of a rebuild that runs. */
	public static final String RUNNING = "RUNNING";

	/** The state of a rebuild that reached realtime. */
	public static final String COMPLETED = "COMPLETED";

	/** The state of a rebuild that failed. */
	public static final String FAILED = "FAILED";

	/**
	 * Whether the rebuild still runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return RUNNING.equals(this.state);
	}

}
