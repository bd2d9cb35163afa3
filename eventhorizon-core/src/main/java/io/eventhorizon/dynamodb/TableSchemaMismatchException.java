package io.eventhorizon.dynamodb;

/**
 * Thrown when a table, or an index of it, exists but its key schema is not the one
 * EventHorizon needs.
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

	public TableSchemaMismatchException(String tableName, String indexName, String expected, String actual) {
		super("DynamoDB table \"" + tableName + "\" has an index \"" + indexName + "\" with the key schema " + actual
				+ ", but EventHorizon needs " + expected + "; delete the index (createMissing() adds the right one) "
				+ "or point EventHorizon at another table");
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
