package io.eventhorizon.spring;

import java.util.Optional;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.tree.FeedPosition;

/**
 * Keeps the per-stream cursors and the feed position of {@link EventProcessor#transactional()
 * transactional} read models of a {@link EventProcessor#tree() tree} in the application's
 * database, and runs work in a new transaction so that a read model's writes and the cursor
 * of the entry's stream are committed together.
 * <p>
 * Several instances of an application may share the database. An entry's transaction
 * {@link #lock(String, StreamName) locks} the cursor of the processor's stream before the
 * handlers run and {@link #move(String, Cursor, Cursor) moves} it only from the cursor it
 * locked, so that of two instances applying the same entry one commits and the other rolls
 * back. Entries of different streams do not wait for each other.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface TransactionalTreeCursorStore {

	/**
	 * Runs {@code work} in a new transaction: commits if it returns, rolls back if it
	 * throws.
	 * @param work the work
	 */
	void inNewTransaction(Runnable work);

	/**
	 * Loads the committed cursor of a processor's stream, without locking it.
	 * @param processor the processor's name
	 * @param stream the stream
	 * @return the cursor, or empty if the processor has applied nothing of that stream
	 */
	Optional<Cursor> load(String processor, StreamName stream);

	/**
	 * Loads the cursor of a processor's stream within the current transaction and locks it
	 * until the transaction ends, so that no other transaction can lock or move it
	 * meanwhile. A stream the processor has no cursor of yet gets its beginning, locked the
	 * same way: a concurrent transaction that also finds none must fail (or wait for this
	 * one and then fail).
	 * @param processor the processor's name
	 * @param stream the stream
	 * @return the locked cursor
	 * @throws RuntimeException if the lock cannot be taken; the transaction must then roll
	 * back
	 */
	Cursor lock(String processor, StreamName stream);

	/**
	 * Moves the cursor of a processor's stream within the current transaction, if it is
	 * still at {@code from}.
	 * @param processor the processor's name
	 * @param from the cursor the transaction {@link #lock(String, StreamName) locked}
	 * @param to the new cursor, of the same stream
	 * @return whether the cursor moved; {@code false} if another transaction moved it
	 * first, and the transaction must then roll back
	 */
	boolean move(String processor, Cursor from, Cursor to);

	/**
	 * Loads the feed position a processor stored last.
	 * @param processor the processor's name
	 * @return the position, or empty if none was stored
	 */
	Optional<FeedPosition> loadPosition(String processor);

	/**
	 * Stores a processor's feed position, in a transaction of its own. Instances may store
	 * positions in any order: each one's position covers entries that are committed, and
	 * every instance shares the cursors, so whichever position is kept is safe.
	 * @param processor the processor's name
	 * @param position the position
	 */
	void storePosition(String processor, FeedPosition position);

}
