package io.eventhorizon.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures pass: timeouts, deadlocks, serialization failures and lost connections,
 * wherever they are in the cause chain.
 */
class StandardFailureClassifierTests {

	private final FailureClassifier classifier = new StandardFailureClassifier();

	@Test
	void timeoutsDeadlocksAndLostConnectionsPass() {
		assertThat(this.classifier.isTransient(new SQLTimeoutException("Lock wait timeout"))).isTrue();
		assertThat(this.classifier.isTransient(new SQLTransactionRollbackException("Deadlock"))).isTrue();
		assertThat(this.classifier.isTransient(new SQLRecoverableException("Connection reset"))).isTrue();
		assertThat(this.classifier.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
		assertThat(this.classifier.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
		assertThat(this.classifier.isTransient(new SQLException("connection failure", "08006"))).isTrue();
		assertThat(this.classifier.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
		assertThat(this.classifier.isTransient(new TimeoutException())).isTrue();
	}

	@Test
	void aPassingCauseMakesTheWholeFailurePass() {
		RuntimeException wrapped = new IllegalStateException("Handler failed",
				new UncheckedIOException(new IOException("Broken pipe")));

		assertThat(this.classifier.isTransient(wrapped)).isTrue();
	}

	@Test
	void bugsAndRejectedDataRepeat() {
		assertThat(this.classifier.isTransient(new IllegalArgumentException("Amount must be positive"))).isFalse();
		assertThat(this.classifier.isTransient(new NullPointerException())).isFalse();
		assertThat(this.classifier.isTransient(new SQLIntegrityConstraintViolationException("Duplicate", "23505")))
			.isFalse();
		assertThat(this.classifier.isTransient(new SQLException("no SQL state"))).isFalse();
	}

	@Test
	void aCauseChainThatLoopsIsWalkedOnce() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second");
		first.initCause(second);
		second.initCause(first);

		assertThat(this.classifier.isTransient(first)).isFalse();
	}

}
