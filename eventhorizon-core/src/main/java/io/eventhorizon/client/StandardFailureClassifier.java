package io.eventhorizon.client;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The {@link FailureClassifier} of plain Java: a failure is transient when it, or any of
 * its causes, is a {@link SQLTransientException} (lock and query timeouts, transaction
 * rollbacks), a {@link SQLRecoverableException}, an {@link SQLException} whose SQL state is
 * a serialization failure ({@code 40001}), a deadlock ({@code 40P01}) or a connection
 * exception (class {@code 08}), an {@link IOException} (including
 * {@link java.io.UncheckedIOException}'s cause) or a {@link TimeoutException}. Subclasses
 * add the exceptions of their frameworks by overriding {@link #isTransientCause(Throwable)}.
 * <p>
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public class StandardFailureClassifier implements FailureClassifier {

	@Override
	public final boolean isTransient(Throwable failure) {
		return CauseChain.of(failure).stream().anyMatch(this::isTransientCause);
	}

	/**
	 * Whether one throwable of a failure's cause chain is transient by itself.
	 * @param cause the failure or one of its causes
	 * @return whether it is transient
	 */
	protected boolean isTransientCause(Throwable cause) {
		if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
				|| cause instanceof IOException || cause instanceof TimeoutException) {
			return true;
		}
		return cause instanceof SQLException sql && isTransientSqlState(sql.getSQLState());
	}

	private static boolean isTransientSqlState(@Nullable String sqlState) {
		return sqlState != null
				&& (sqlState.equals("40001") || sqlState.equals("40P01") || sqlState.startsWith("08"));
	}

}
