package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.dynamodb.DynamoDbTables;

import org.springframework.beans.factory.InitializingBean;

/**
 * Creates or checks the DynamoDB tables at startup, when
 * {@code eventhorizon.dynamodb.create-tables} or {@code verify-tables} asks for it.
 *
 * @since 0.1.0
 */
public class EventHorizonTablesInitializer implements InitializingBean {

	private final DynamoDbTables tables;

	private final boolean create;

	/**
	 * Creates the initializer.
	 * @param tables the tables
	 * @param create whether to create missing tables (else only check them)
	 */
	public EventHorizonTablesInitializer(DynamoDbTables tables, boolean create) {
		this.tables = tables;
		this.create = create;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.create) {
			this.tables.createMissing();
		}
		else {
			this.tables.verify();
		}
	}

}
