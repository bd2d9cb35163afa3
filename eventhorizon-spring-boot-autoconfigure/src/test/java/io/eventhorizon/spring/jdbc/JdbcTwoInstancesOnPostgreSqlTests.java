package io.eventhorizon.spring.jdbc;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two instances on one real PostgreSQL server (run from its Maven artifact, one per test
 * class), at PostgreSQL's default isolation level, {@code READ COMMITTED}: unlike H2, a
 * transaction waiting for a row lock is let through when the holder commits and then
 * reads the row as committed.
 */
class JdbcTwoInstancesOnPostgreSqlTests extends TwoInstancesOnOneDatabaseContract {

	private static EmbeddedPostgres server;

	@BeforeAll
	static void startServer() throws IOException {
		server = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@Override
	String url() {
		return server.getJdbcUrl("postgres", "postgres");
	}

	@Override
	String username() {
		return "postgres";
	}

	@Override
	String password() {
		return "postgres";
	}

	@Override
	String sessionsWaitingForALock() {
		return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
	}

}
