package io.eventhorizon.spring.jdbc;

import java.util.UUID;

/**
 * Two instances of a read model of a tree on one H2 database (in memory, shared by the
 * JVM), at H2's default isolation level, {@code READ COMMITTED}.
 */
class JdbcTreeTwoInstancesOnH2Tests extends TwoTreeInstancesOnOneDatabaseContract {

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@Override
	String url() {
		return this.url;
	}

	@Override
	String username() {
		return "sa";
	}

	@Override
	String password() {
		return "";
	}

	@Override
	String sessionsWaitingForALock() {
		// H2 names the blocker of a row lock, but not of an insert that waits for another
		// transaction's insert of the same key, which it reports only as the statement.
		return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() "
				+ "AND (BLOCKER_ID IS NOT NULL OR EXECUTING_STATEMENT LIKE 'INSERT INTO eventhorizon_tree_cursors%')";
	}

}
