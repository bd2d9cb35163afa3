package io.eventhorizon.spring;

import java.util.Optional;

import io.eventhorizon.core.Cursor;

/**
 * Keeps the cursors of {@link EventProcessor#transactional() transactional} processors in
 * the application's database, and runs work in a new transaction so that a read model's
 * writes and its cursor are committed together.
 * <p>
 * Several instances of an application may share the database. An entry's transaction
 * {@link #lock(String, Cursor) locks} the processor's cursor before the handlers run and
 * {@link #move(String, Cursor, Cursor) moves} it only from the cursor it locked, so that
 * of two instances applying the same entry one commits and the other rolls back.
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
	 * Loads a processor's committed cursor, without locking it.
	 * @param processor the processor's name
	 * @return the cursor, or empty if the processor has none yet
	 */
	Optional<Cursor> load(String processor);

	/**
	 * Loads a processor's cursor within the current transaction and locks it until the
	 * transaction ends, so that no other transaction can lock or move it meanwhile. A
	 * processor that has no cursor yet gets {@code beginning}, locked the same way: a
	 * concurrent transaction that also finds none must fail (or wait for this one and
	 * then fail).
	 * @param processor the processor's name
	 * @param beginning the cursor of a processor that has none yet
	 * @return the locked cursor
	 * @throws RuntimeException if the lock cannot be taken, for example because another
	 * transaction holds it for too long; the transaction must then roll back
	 */
	Cursor lock(String processor, Cursor beginning);

	/**
	 * Moves a processor's cursor within the current transaction, if it is still at
	 * {@code from}.
	 * @param processor the processor's name
	 * @param from the cursor the transaction {@link #lock(String, Cursor) locked}
	 * @param to the new cursor
	 * @return whether the cursor moved; {@code false} if another transaction moved it
	 * first, and the transaction must then roll back
	 */
	boolean move(String processor, Cursor from, Cursor to);

}
