package io.eventhorizon.spring.test.dynalite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * dynalite installed and started by the jar alone, in a cache directory outside any
 * project: nothing is looked up from the working directory.
 */
class DynaliteInstallationTests {

	@Test
	void installsIntoACacheDirectoryOutsideAnyProjectAndServesTheDynamoDbApi(@TempDir Path cache) {
		Dynalite server = Dynalite.start(new DynaliteInstallation(cache, "node", "npm"));
		try (DynamoDbClient client = server.newClient()) {
			client.createTable((table) -> table.tableName("notes")
				.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
				.attributeDefinitions(AttributeDefinition.builder()
					.attributeName("id")
					.attributeType(ScalarAttributeType.S)
					.build())
				.billingMode(BillingMode.PAY_PER_REQUEST));

			assertThat(client.listTables().tableNames()).containsExactly("notes");
		}
		finally {
			server.stop();
		}
		assertThat(cache.toFile().list()).singleElement().asString().startsWith("4.0.0-");
	}

	@Test
	void withoutNodeJsTheFailureSaysWhatToInstall(@TempDir Path cache) {
		DynaliteInstallation withoutNode = new DynaliteInstallation(cache, "eventhorizon-no-such-node", "npm");

		assertThatIllegalStateException().isThrownBy(withoutNode::install)
			.withMessageContaining("'eventhorizon-no-such-node' was not found on the PATH")
			.withMessageContaining("Install Node.js 20 or newer");
	}

	@Test
	void withoutNpmTheFailureSaysWhatToInstall(@TempDir Path cache) {
		DynaliteInstallation withoutNpm = new DynaliteInstallation(cache, "node", "eventhorizon-no-such-npm");

		assertThatIllegalStateException().isThrownBy(withoutNpm::install)
			.withMessageContaining("'eventhorizon-no-such-npm' was not found on the PATH")
			.withMessageContaining("Install Node.js 20 or newer, which comes with npm");
	}

	@Test
	void twoInstallsIntoOneCacheAtOnceRunNpmOnceAndBothSucceed(@TempDir Path cache, @TempDir Path npmDir)
			throws Exception {
		Path npm = fakeNpmHeldUntilReleased(npmDir);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CompletableFuture<Path> first = CompletableFuture
				.supplyAsync(() -> new DynaliteInstallation(cache, "node", npm.toString()).install(), threads);
			// The first install is inside npm ci, holding the installation.
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(npmDir.resolve("started")));
			Thread[] second = new Thread[1];
			CompletableFuture<Path> other = CompletableFuture.supplyAsync(() -> {
				second[0] = Thread.currentThread();
				return new DynaliteInstallation(cache, "node", npm.toString()).install();
			}, threads);
			// The second waits for the first instead of failing or installing again.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> other.isDone() || (second[0] != null && second[0].getState() == Thread.State.BLOCKED));
			assertThat(other).isNotDone();
			Files.createFile(npmDir.resolve("release"));

			assertThat(first.get()).isEqualTo(other.get());
			assertThat(Files.readAllLines(npmDir.resolve("calls"))).hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void anInstallWhoseNpmWasKilledHalfwayIsRedoneByTheNextRun(@TempDir Path cache, @TempDir Path npmDir)
			throws Exception {
		// npm ci has unpacked dynalite itself, not yet its dependencies, when it is killed.
		Path killedNpm = fakeNpm(npmDir.resolve("killed"), "mkdir -p node_modules/dynalite",
				"echo '{}' > node_modules/dynalite/package.json", "kill -9 $$");
		assertThatIllegalStateException()
			.isThrownBy(() -> new DynaliteInstallation(cache, "node", killedNpm.toString()).install())
			.withMessageContaining("could not install dynalite");

		Path npm = fakeNpm(npmDir.resolve("complete"), "mkdir -p node_modules/dynalite",
				"echo '{}' > node_modules/dynalite/package.json");
		new DynaliteInstallation(cache, "node", npm.toString()).install();

		assertThat(npmDir.resolve("complete.calls")).as("npm ci run again").exists();
		assertThat(Files.readAllLines(npmDir.resolve("complete.calls"))).hasSize(1);
	}

	// Stands in for npm: notes each call in a file next to it, then runs the given lines.
	private static Path fakeNpm(Path npm, String... lines) throws Exception {
		List<String> script = new ArrayList<>(List.of("#!/bin/sh", "echo \"$@\" >> '" + npm + ".calls'"));
		script.addAll(List.of(lines));
		script.add("");
		Files.writeString(npm, String.join("\n", script), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
		return npm;
	}

	// Stands in for npm: notes each call, then installs an empty dynalite once released.
	private static Path fakeNpmHeldUntilReleased(Path dir) throws Exception {
		Path npm = dir.resolve("npm");
		Files.writeString(npm, String.join("\n", List.of("#!/bin/sh", "echo \"$@\" >> '" + dir + "/calls'",
				"touch '" + dir + "/started'", "while [ ! -f '" + dir + "/release' ]; do sleep 0.01; done",
				"mkdir -p node_modules/dynalite", "echo '{}' > node_modules/dynalite/package.json", ""))
			, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
		return npm;
	}

}
