package io.eventhorizon.spring.jdbc;

import java.util.List;
import java.util.Optional;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.spring.TransactionalCursorStore;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps processors' cursors in the table {@code eventhorizon_cursors} (see {@link #SCHEMA}),
 * in the same transaction as the read model's writes. Each entry runs in a new transaction
 * ({@code REQUIRES_NEW}), so a sync never joins a transaction the calling thread happens to
 * have.
 * <p>
 * Instances of an application that share the database take turns: an entry's transaction
 * locks the processor's row with {@code SELECT ... FOR UPDATE} (or, for a processor's
 * first entry, by inserting the row, which a concurrent insert of the same primary key
 * waits for and then fails on), and moves the cursor with a compare-and-set
 * {@code UPDATE}. This works at the default isolation level {@code READ COMMITTED} of H2,
 * PostgreSQL and MySQL, and needs a database that supports {@code FOR UPDATE}.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class JdbcCursorStore implements TransactionalCursorStore {

	/**
	 * The schema scripts on the classpath, the cursor tables of stream and of tree read
	 * models: one per database platform, named by {@code @@platform@@} ({@code h2},
	 * {@code postgresql}), as Spring Boot's database initialisation resolves it.
	 */
	public static final String SCHEMA = "classpath:io/eventhorizon/spring/jdbc/schema-@@platform@@.sql";

	private final JdbcOperations jdbc;

	private final TransactionTemplate transactions;

	/**
	 * Creates the store.
	 * @param jdbc the JDBC operations on the read model's database
	 * @param transactionManager the transaction manager of that database
	 */
	public JdbcCursorStore(JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void inNewTransaction(Runnable work) {
		this.transactions.executeWithoutResult((status) -> work.run());
	}

	@Override
	public Optional<Cursor> load(String processor) {
		return first(this.jdbc.queryForList("SELECT stream_cursor FROM eventhorizon_cursors WHERE processor = ?",
				String.class, processor));
	}

	@Override
	public Cursor lock(String processor, Cursor beginning) {
		Optional<Cursor> locked = first(this.jdbc.queryForList(
				"SELECT stream_cursor FROM eventhorizon_cursors WHERE processor = ? FOR UPDATE", String.class,
				processor));
		if (locked.isPresent()) {
			return locked.get();
		}
		// The new row is as good as a lock: a concurrent insert waits for this transaction,
		// then fails on the primary key.
		this.jdbc.update("INSERT INTO eventhorizon_cursors (processor, stream_cursor) VALUES (?, ?)", processor,
				beginning.toString());
		return beginning;
	}

	@Override
	public boolean move(String processor, Cursor from, Cursor to) {
		return this.jdbc.update(
				"UPDATE eventhorizon_cursors SET stream_cursor = ? WHERE processor = ? AND stream_cursor = ?",
				to.toString(), processor, from.toString()) == 1;
	}

	private static Optional<Cursor> first(List<String> cursors) {
		return cursors.stream().findFirst().map(Cursor::parse);
	}

}
