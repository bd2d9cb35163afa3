package io.eventhorizon.spring.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of a read model of a tree on one real PostgreSQL server (run from its Maven
 * artifact, one per test class), at PostgreSQL's default isolation level,
 * {@code READ COMMITTED}.
 */
class JdbcTreeTwoInstancesOnPostgreSqlTests extends TwoTreeInstancesOnOneDatabaseContract {

	@RegisterExtension
	static final PostgreSqlServer server = new PostgreSqlServer();

	@Override
	String url() {
		return server.url();
	}

	@Override
	String username() {
		return server.username();
	}

	@Override
	String password() {
		return server.password();
	}

	@Override
	String sessionsWaitingForALock() {
		return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
	}

}
