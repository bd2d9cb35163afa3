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
 * Keeps processors' cursors in the table {@code eventhorizon_cursors} (see
 * {@code io/eventhorizon/spring/jdbc/schema.sql}), in the same transaction as the read
 * model's writes. Each entry runs in a new transaction ({@code REQUIRES_NEW}), so a sync
 * never joins a transaction the calling thread happens to have.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class JdbcCursorStore implements TransactionalCursorStore {

	/** The schema script on the classpath. */
	public static final String SCHEMA = "classpath:io/eventhorizon/spring/jdbc/schema.sql";

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
		List<String> cursors = this.jdbc.queryForList(
				"SELECT stream_cursor FROM eventhorizon_cursors WHERE processor = ?", String.class, processor);
		return cursors.stream().findFirst().map(Cursor::parse);
	}

	@Override
	public void save(String processor, Cursor cursor) {
		int updated = this.jdbc.update("UPDATE eventhorizon_cursors SET stream_cursor = ? WHERE processor = ?",
				cursor.toString(), processor);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO eventhorizon_cursors (processor, stream_cursor) VALUES (?, ?)", processor,
					cursor.toString());
		}
	}

}
