package io.eventhorizon.dynamodb;

/**
 * Thrown when a table exists but its key schema is not the one EventHorizon needs.
 *
 * @since 0.1.0
 */
public class TableSchemaMismatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String tableName;

	public TableSchemaMismatchException(String tableName, String expected, String actual) {
		super("DynamoDB table \"" + tableName + "\" has the key schema " + actual + ", but EventHorizon needs "
				+ expected + "; point EventHorizon at another table");
		this.tableName = tableName;
	}

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

}
