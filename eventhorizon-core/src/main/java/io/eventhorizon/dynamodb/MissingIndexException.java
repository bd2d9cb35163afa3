package io.eventhorizon.dynamodb;

/**
 * Thrown when the events table has no index that EventHorizon needs, such as the change
 * feed's index {@code feed}.
 *
 * @since 0.1.0
 */
public class MissingIndexException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String tableName;

	private final String indexName;

	public MissingIndexException(String tableName, String indexName, Throwable cause) {
		super("DynamoDB table \"" + tableName + "\" has no index \"" + indexName + "\"; add it with "
				+ "DynamoDbTables.createMissing() (or eventhorizon.dynamodb.create-tables=true in Spring Boot), or "
				+ "deploy the index of docs/aws/eventhorizon-tables.yaml, or turn the change feed off", cause);
		this.tableName = tableName;
		this.indexName = indexName;
	}

	/**
	 * Returns the name of the table without the index.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the name of the missing index.
	 * @return the index name
	 */
	public String getIndexName() {
		return this.indexName;
	}

}
