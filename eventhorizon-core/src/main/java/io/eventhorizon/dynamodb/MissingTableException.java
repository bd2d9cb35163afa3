package io.eventhorizon.dynamodb;

/**
 * Thrown when a table EventHorizon needs does not exist.
 *
 * @since 0.1.0
 */
public class MissingTableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String tableName;

	public MissingTableException(String tableName) {
		super("DynamoDB table \"" + tableName + "\" does not exist; create it (DynamoDbTables.createMissing(), "
				+ "or eventhorizon.dynamodb.create-tables=true in Spring Boot) or fix the table name");
		this.tableName = tableName;
	}

	public MissingTableException(String tableName, Throwable cause) {
		this(tableName);
		initCause(cause);
	}

	/**
	 * Returns the name of the missing table.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

}
