package io.eventhorizon.client;

import java.util.List;
import java.util.function.Supplier;

import io.eventhorizon.core.Cursor;

/**
 * What one attempt of a command and its commit run inside, such as a database transaction
 * of the command's own writes: the scope begins before the action runs and ends after the
 * entry was committed, so that a commit that loses its race ends it as a failure (the
 * database writes are rolled back) and the attempt is run again in a scope of its own.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface AttemptScope {

	/** No scope: the attempt runs as it is. */
	AttemptScope NONE = new AttemptScope() {

		@Override
		public <T> T around(Supplier<T> attemptAndCommit) {
			return attemptAndCommit.get();
		}

	};

	/**
	 * Called once before the command's first attempt (and before its processors are brought
	 * to realtime), on the command's thread: a scope that cannot serve the command here
	 * refuses it by throwing, before anything is read or written.
	 */
	default void beforeCommand() {
	}

	/**
	 * Runs an attempt and its commit inside the scope.
	 * @param <T> the attempt's outcome type
	 * @param attemptAndCommit the attempt and its commit
	 * @return what it returned
	 */
	<T> T around(Supplier<T> attemptAndCommit);

	/**
	 * Runs an attempt and its commit inside the scope, knowing where it validates: the
	 * cursors of the command's processors, whose Readers are locked until it returns. The
	 * command loop calls this one; by default it is {@link #around(Supplier)}.
	 * @param <T> the attempt's outcome type
	 * @param validated the cursors of the command's processors, in the order of their Readers
	 * @param attemptAndCommit the attempt and its commit
	 * @return what it returned
	 * @since 0.1.0
	 */
	default <T> T around(List<Cursor> validated, Supplier<T> attemptAndCommit) {
		return around(attemptAndCommit);
	}

}
