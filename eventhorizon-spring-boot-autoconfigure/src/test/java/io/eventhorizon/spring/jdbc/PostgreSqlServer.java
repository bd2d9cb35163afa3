package io.eventhorizon.spring.jdbc;

import java.util.Objects;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class, run from its Maven artifact (no Docker):
 * register it as a static {@code @RegisterExtension} field; it starts before the class's
 * tests and stops after them. Not thread-safe to start or stop; its URL may be read from
 * any thread.
 */
final class PostgreSqlServer implements BeforeAllCallback, AfterAllCallback {

	private volatile @Nullable EmbeddedPostgres server;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.server = EmbeddedPostgres.builder().start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		Objects.requireNonNull(this.server).close();
	}

	String url() {
		return Objects.requireNonNull(this.server, "the server is not started").getJdbcUrl("postgres", "postgres");
	}

	String username() {
		return "postgres";
	}

	String password() {
		return "postgres";
	}

}
