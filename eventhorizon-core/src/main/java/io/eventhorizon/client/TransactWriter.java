package io.eventhorizon.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;

/**
 * The attempt loop of commands, behind both {@link Reader#transactWrite} and the Spring
 * advice: brings the command's processors to realtime; with their Readers locked (in the
 * order given), answers a repeat of an idempotency key from the entry that has it, or else
 * runs the action and commits what it appended as one entry after the cursor the
 * processors validated at; when the commit loses an optimistic-locking race, waits
 * (jittered backoff) and does it all again, up to the policy's attempts.
 * <p>
 * What this guarantees: an attempt is written whole or not at all (one entry, one
 * conditional write); a retried attempt never repeats a write of an earlier one, since
 * nothing of a failed attempt was written; a command with an idempotency key is committed
 * at most once within the key window of the stream it writes to, whichever instance runs
 * it, and a repeat returns the first run's result. A command cannot start inside another
 * one's attempt on the same thread: it would commit an entry of its own at once, and again
 * each time the outer attempt runs again.
 * <p>
 * Thread-safe: holds no state between calls.
 *
 * @since 0.1.0
 */
public final class TransactWriter {

	// Whether the thread is running an attempt: a command started inside it is refused.
	private static final ThreadLocal<Boolean> ATTEMPT_RUNNING = new ThreadLocal<>();

	private final EventLog eventLog;

	private final RetryPolicy policy;

	private final boolean refreshBeforeFirstAttempt;

	/**
	 * Creates the loop.
	 * @param eventLog the event log the commands append to
	 * @param policy the attempts and their backoff
	 */
	public TransactWriter(EventLog eventLog, RetryPolicy policy) {
		this(eventLog, policy, true);
	}

	private TransactWriter(EventLog eventLog, RetryPolicy policy, boolean refreshBeforeFirstAttempt) {
		this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.refreshBeforeFirstAttempt = refreshBeforeFirstAttempt;
	}

	/**
	 * Returns a loop whose first attempt validates against the processors as they are,
	 * without reading first; the attempts after a lost race bring them to realtime as
	 * usual. For processors known to be current, such as a cached aggregate: when one is
	 * not, its commit conflicts (the conditional write sees the newer entry) and the next
	 * attempt refreshes it, so nothing stale is ever written; only a command that fails
	 * its own validation on the first attempt may have seen stale state.
	 * @return the loop
	 * @since 0.1.0
	 */
	public TransactWriter withoutRefreshBeforeFirstAttempt() {
		return new TransactWriter(this.eventLog, this.policy, false);
	}

	/**
	 * Runs a command.
	 * @param <T> the command's result type
	 * @param readers the Readers of the processors the command validates against, at least
	 * one, in the order in which they are locked (always the same order for the same
	 * Readers)
	 * @param key the command's idempotency key, or {@code null}
	 * @param results how the result is stored with the key and read back
	 * @param action the validation and appends of one attempt
	 * @param scope what each attempt and its commit run inside
	 * @param observer told of conflicts, commits and the outcome
	 * @return what the action returned, or the first run's result for a repeated key
	 * @throws TransactWriteExhaustedException if every attempt lost the race
	 * @throws io.eventhorizon.core.AppendOutcomeUnknownException if the commit was sent but
	 * whether it was written cannot be told
	 * @throws IllegalStateException if called inside another command's attempt
	 */
	public <T> @Nullable T run(List<Reader> readers, @Nullable IdempotencyKey key, ResultFormat<T> results,
			TransactWriteAction<T> action, AttemptScope scope, Observer observer) {
		if (readers.isEmpty()) {
			throw new IllegalArgumentException("A command validates against at least one processor");
		}
		if (ATTEMPT_RUNNING.get() != null) {
			throw new IllegalStateException("A command cannot run inside another command's attempt: its entry would "
					+ "be committed at once, and again each time the outer attempt runs again; append through the "
					+ "outer attempt instead");
		}
		scope.beforeCommand();
		OptimisticLockingException lastConflict = null;
		int attempts = this.policy.maxAttempts();
		for (int attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) {
				this.policy.sleepBefore(attempt);
			}
			Outcome<T> outcome;
			try {
				if (attempt > 1 || this.refreshBeforeFirstAttempt) {
					readers.forEach(Reader::loadUntilRealtime);
				}
				ATTEMPT_RUNNING.set(Boolean.TRUE);
				try {
					outcome = exclusively(readers, 0,
							() -> scope.around(readers.stream().map(Reader::cursor).toList(),
									() -> attempt(readers, key, results, action, observer)));
				}
				finally {
					ATTEMPT_RUNNING.remove();
				}
			}
			catch (OptimisticLockingException conflict) {
				lastConflict = conflict;
				readers.get(0).reportConflict(attempt, conflict);
				continue;
			}
			catch (RuntimeException ex) {
				observer.finished(attempt, false);
				throw ex;
			}
			if (outcome.entry() != null) {
				observer.committed(outcome.entry());
			}
			observer.finished(attempt, false);
			return outcome.result();
		}
		observer.finished(attempts, true);
		throw new TransactWriteExhaustedException(attempts, Objects.requireNonNull(lastConflict));
	}

	// Runs while no entry is fed to any of the Readers.
	private <T> Outcome<T> attempt(List<Reader> readers, @Nullable IdempotencyKey key, ResultFormat<T> results,
			TransactWriteAction<T> action, Observer observer) {
		if (key != null) {
			for (Reader reader : readers) {
				CommandRecord first = reader.recentCommand(key);
				if (first != null) {
					observer.repeated(key);
					return new Outcome<>(results.read(first.result()), null);
				}
			}
		}
		StreamName defaultStream = (readers.size() == 1) ? readers.get(0).cursor().stream() : null;
		Attempt attempt = new Attempt(this.eventLog, (stream) -> validatedCursor(readers, stream), defaultStream,
				key != null);
		List<Cursor> validated = readers.stream().map(Reader::cursor).toList();
		T result;
		try {
			result = action.run(attempt);
		}
		catch (OptimisticLockingException conflict) {
			throw conflict;
		}
		catch (RuntimeException ex) {
			requireNotRefreshedDuring(readers, validated, ex);
			throw ex;
		}
		requireNotRefreshedDuring(readers, validated, null);
		Attempt.Commit commit = attempt.commit();
		if (commit == null) {
			return new Outcome<>(result, null);
		}
		CommandRecord record = (key != null) ? new CommandRecord(key, storable(key, results, result)) : null;
		long start = System.nanoTime();
		String outcome = "error";
		try {
			Cursor written = this.eventLog.appendAfter(commit.after(), commit.data(), record);
			outcome = "success";
			return new Outcome<>(result, new LogEntry(written, commit.data(), record));
		}
		catch (OptimisticLockingException conflict) {
			outcome = "conflict";
			throw conflict;
		}
		finally {
			observer.appendFinished(commit.after().stream(), Duration.ofNanos(System.nanoTime() - start), outcome);
		}
	}

	// The action brought a processor further on its own thread (a query of it, reentrant):
	// it validated partly on the state before, so neither its entry (which would be appended
	// after the newer cursor) nor its rejection stands; the next attempt runs on the newest.
	private static void requireNotRefreshedDuring(List<Reader> readers, List<Cursor> validated,
			@Nullable RuntimeException failure) {
		for (int index = 0; index < readers.size(); index++) {
			Cursor now = readers.get(index).cursor();
			if (!now.equals(validated.get(index))) {
				OptimisticLockingException conflict = new OptimisticLockingException(validated.get(index), now);
				if (failure != null) {
					conflict.addSuppressed(failure);
				}
				throw conflict;
			}
		}
	}

	// A repeat answers with the stored result: one that cannot be read back is refused before
	// anything is written, not found out at the first repeat.
	private static <T> @Nullable String storable(IdempotencyKey key, ResultFormat<T> results, @Nullable T result) {
		String stored;
		try {
			stored = results.write(result);
			results.read(stored);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The result of the command with idempotency key " + key
					+ " cannot be stored and read back as JSON, so a repeat could not answer with it; nothing was "
					+ "written. Return a type Jackson can write and read, such as a record: " + ex.getMessage(), ex);
		}
		return stored;
	}

	// The lowest cursor of the Readers that follow the stream: an entry any of them has not
	// seen makes the commit conflict.
	private static @Nullable Cursor validatedCursor(List<Reader> readers, StreamName stream) {
		Cursor lowest = null;
		for (Reader reader : readers) {
			Cursor cursor = reader.cursor();
			if (cursor.stream().equals(stream) && (lowest == null || cursor.isBefore(lowest))) {
				lowest = cursor;
			}
		}
		return lowest;
	}

	private static <T> T exclusively(List<Reader> readers, int index, Supplier<T> action) {
		if (index == readers.size()) {
			return action.get();
		}
		return readers.get(index).exclusively(() -> exclusively(readers, index + 1, action));
	}

	/**
	 * Told what a command did. Called on the command's thread; the default methods do
	 * nothing.
	 */
	public interface Observer {

		/** An observer that is told nothing. */
		Observer NONE = new Observer() {
		};

		/**
		 * The command's entry was written; called once the Readers are unlocked, so that
		 * the processors can take it.
		 * @param entry the entry, with the data as written
		 */
		default void committed(LogEntry entry) {
		}

		/**
		 * The command's key was found in an entry of a processor's stream: the action did
		 * not run.
		 * @param key the key
		 */
		default void repeated(IdempotencyKey key) {
		}

		/**
		 * A commit finished.
		 * @param stream the stream
		 * @param latency how long the append took
		 * @param outcome {@code success}, {@code conflict} or {@code error}
		 */
		default void appendFinished(StreamName stream, Duration latency, String outcome) {
		}

		/**
		 * The command finished.
		 * @param attempts how many attempts it took
		 * @param exhausted whether every attempt lost the race
		 */
		default void finished(int attempts, boolean exhausted) {
		}

	}

	private record Outcome<T>(@Nullable T result, @Nullable LogEntry entry) {
	}

}
