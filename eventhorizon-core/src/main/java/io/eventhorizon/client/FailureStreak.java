package io.eventhorizon.client;

import java.util.Objects;

import io.eventhorizon.core.Cursor;
import org.jspecify.annotations.Nullable;

/**
 * How many times in a row a processor failed the same way at the same entry: an entry is
 * poison only when it fails deterministically, again and again.
 * <p>
 * Not thread-safe: the {@link Reader} and the {@link io.eventhorizon.tree.TreeReader} use
 * it under their locks.
 *
 * @since 0.1.0
 */
public final class FailureStreak {

	private @Nullable Cursor entry;

	private @Nullable String failure;

	private int length;

	/**
	 * Records a failure at an entry.
	 * @param entry the entry that failed
	 * @param failure what the processor threw
	 * @return how many times in a row the entry failed this way, this time included
	 */
	public int record(Cursor entry, Throwable failure) {
		String signature = signature(failure);
		if (entry.equals(this.entry) && signature.equals(this.failure)) {
			this.length++;
		}
		else {
			this.entry = entry;
			this.failure = signature;
			this.length = 1;
		}
		return this.length;
	}

	/**
	 * Forgets the streak: the entry succeeded, or failed in a passing way.
	 */
	public void clear() {
		this.entry = null;
		this.failure = null;
		this.length = 0;
	}

	// Two failures are the same when their cause chains have the same classes and messages.
	private static String signature(Throwable failure) {
		StringBuilder signature = new StringBuilder();
		for (Throwable cause : CauseChain.of(failure)) {
			signature.append(cause.getClass().getName()).append(": ")
				.append(Objects.toString(cause.getMessage(), "")).append('\n');
		}
		return signature.toString();
	}

}
