package io.eventhorizon.spring;

import java.util.Optional;

import io.eventhorizon.core.Cursor;

/**
 * Keeps the cursors of {@link EventProcessor#transactional() transactional} processors in
 * the application's database, and runs work in a new transaction so that a read model's
 * writes and its cursor are committed together.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface TransactionalCursorStore {

	/**
	 * Runs {@code work} in a new transaction: commits if it returns, rolls back if it
	 * throws.
	 * @param work the work
	 */
	void inNewTransaction(Runnable work);

	/**
	 * Loads a processor's cursor, within the current transaction.
	 * @param processor the processor's name
	 * @return the cursor, or empty if the processor has none yet
	 */
	Optional<Cursor> load(String processor);

	/**
	 * Saves a processor's cursor, within the current transaction.
	 * @param processor the processor's name
	 * @param cursor the cursor
	 */
	void save(String processor, Cursor cursor);

}
