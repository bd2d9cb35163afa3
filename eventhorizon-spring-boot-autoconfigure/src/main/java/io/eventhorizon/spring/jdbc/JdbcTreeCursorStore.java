package io.eventhorizon.spring.jdbc;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.TransactionalTreeCursorStore;
import io.eventhorizon.tree.FeedPosition;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the per-stream cursors of tree read models in the table
 * {@code eventhorizon_tree_cursors} and their feed positions in
 * {@code eventhorizon_tree_positions} (see {@link JdbcCursorStore#SCHEMA}), in the same
 * transaction as the read model's writes. Each entry runs in a new transaction
 * ({@code REQUIRES_NEW}).
 * <p>
 * Instances that share the database take turns per stream, as {@link JdbcCursorStore} does
 * per processor: an entry's transaction locks the row of (processor, stream) with
 * {@code SELECT ... FOR UPDATE} (or, for the stream's first entry, by inserting the row,
 * which a concurrent insert of the same primary key waits for and then fails on), and moves
 * the version with a compare-and-set {@code UPDATE}. This works at the default isolation
 * level {@code READ COMMITTED} of H2, PostgreSQL and MySQL.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class JdbcTreeCursorStore implements TransactionalTreeCursorStore {

	private final JdbcOperations jdbc;

	private final TransactionTemplate transactions;

	/**
	 * Creates the store.
	 * @param jdbc the JDBC operations on the read model's database
	 * @param transactionManager the transaction manager of that database
	 */
	public JdbcTreeCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void inNewTransaction(Runnable work) {
		this.transactions.executeWithoutResult((status) -> work.run());
	}

	@Override
	public Optional<Cursor> load(String processor, StreamName stream) {
		return first(stream, this.jdbc.queryForList(
				"SELECT version FROM eventhorizon_tree_cursors WHERE processor = ? AND stream = ?", Long.class,
				processor, stream.toString()));
	}

	@Override
	public Cursor lock(String processor, StreamName stream) {
		Optional<Cursor> locked = first(stream, this.jdbc.queryForList(
				"SELECT version FROM eventhorizon_tree_cursors WHERE processor = ? AND stream = ? FOR UPDATE",
				Long.class, processor, stream.toString()));
		if (locked.isPresent()) {
			return locked.get();
		}
		// The new row is as good as a lock: a concurrent insert waits for this transaction,
		// then fails on the primary key.
		this.jdbc.update("INSERT INTO eventhorizon_tree_cursors (processor, stream, version) VALUES (?, ?, ?)",
				processor, stream.toString(), Cursor.BEGINNING_VERSION);
		return stream.beginning();
	}

	@Override
	public boolean move(String processor, Cursor from, Cursor to) {
		if (!from.stream().equals(to.stream())) {
			throw new IllegalArgumentException("Cannot move the cursor of " + from.stream() + " to " + to
					+ ", an entry of another stream");
		}
		return this.jdbc.update(
				"UPDATE eventhorizon_tree_cursors SET version = ? WHERE processor = ? AND stream = ? AND version = ?",
				to.version(), processor, from.stream().toString(), from.version()) == 1;
	}

	@Override
	public Optional<FeedPosition> loadPosition(String processor) {
		return this.jdbc
			.queryForList("SELECT position FROM eventhorizon_tree_positions WHERE processor = ?", String.class,
					processor)
			.stream()
			.findFirst()
			.map(FeedPosition::parse);
	}

	@Override
	public void storePosition(String processor, FeedPosition position) {
		AtomicBoolean updated = new AtomicBoolean();
		inNewTransaction(() -> updated.set(updatePosition(processor, position)));
		if (updated.get()) {
			return;
		}
		try {
			// A transaction of its own: on PostgreSQL a failed statement aborts the
			// transaction it runs in, so nothing may follow it there.
			inNewTransaction(() -> this.jdbc.update(
					"INSERT INTO eventhorizon_tree_positions (processor, position) VALUES (?, ?)", processor,
					position.toString()));
		}
		catch (DuplicateKeyException ex) {
			// Another instance stored its first position meanwhile; either is safe to keep.
		}
	}

	private boolean updatePosition(String processor, FeedPosition position) {
		return this.jdbc.update("UPDATE eventhorizon_tree_positions SET position = ? WHERE processor = ?",
				position.toString(), processor) == 1;
	}

	private static Optional<Cursor> first(StreamName stream, List<Long> versions) {
		return versions.stream().findFirst().map(stream::at);
	}

}
