package io.eventhorizon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Without Node.js the DynamoDB tests fail and say what to install; they are never skipped.
 */
class DynamoDbTestServerTests {

	@Test
	void aMissingNodeFailsWithWhatToInstall() {
		assertThatIllegalStateException()
			.isThrownBy(() -> DynamoDbTestServer.requireNode("node-that-is-not-installed"))
			.withMessageContaining("needs Node.js 20 or newer")
			.withMessageContaining("'node-that-is-not-installed' was not found on the PATH")
			.withMessageContaining("Install Node.js 20+")
			.withMessageContaining(DynamoDbTestServer.ENDPOINT_VARIABLE);
	}

	@Test
	void anOldNodeFailsWithWhatToUpgrade(@TempDir Path dir) throws IOException {
		Path oldNode = dir.resolve("node");
		Files.writeString(oldNode, "#!/bin/sh\necho v18.19.0\n");
		Files.setPosixFilePermissions(oldNode, PosixFilePermissions.fromString("rwx------"));

		assertThatIllegalStateException().isThrownBy(() -> DynamoDbTestServer.requireNode(oldNode.toString()))
			.withMessageContaining("'node --version' says v18.19.0. Upgrade Node.js");
	}

	@Test
	void theTestsTalkToARealServer() {
		DynamoDbTestServer server = DynamoDbTestServer.get();

		try (var client = server.newClient()) {
			assertThat(client.listTables().tableNames()).isNotNull();
		}
		assertThat(server.endpoint().getHost()).isNotBlank();
	}

}
