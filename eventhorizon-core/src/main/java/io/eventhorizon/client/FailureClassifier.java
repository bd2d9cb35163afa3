package io.eventhorizon.client;

/**
 * Tells a passing failure (a deadlock, a lock or connection timeout, a lost connection),
 * which the same work may not meet again, from one that repeats whenever the work is done
 * again (a bug in a handler, data it rejects). Under {@link PoisonPolicy#SKIP} a
 * {@link Reader} skips only entries whose failures are not transient, so that an entry is
 * never lost to a passing error.
 * <p>
 * Implementations must be stateless and thread-safe.
 *
 * @since 0.1.0
 * @see StandardFailureClassifier
 */
@FunctionalInterface
public interface FailureClassifier {

	/**
	 * Whether {@code failure} may pass when the same work is tried again. When unsure,
	 * answer {@code true}: a transient failure is retried, never skipped.
	 * @param failure what the processor threw
	 * @return whether the failure is transient
	 */
	boolean isTransient(Throwable failure);

}
