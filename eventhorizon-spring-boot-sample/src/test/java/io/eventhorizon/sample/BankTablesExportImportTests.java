package io.eventhorizon.sample;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.cli.EventHorizonCli;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator copies the bank's tables with {@code eventhorizon export} and
 * {@code eventhorizon import} into new, empty tables, checks the copy with
 * {@code eventhorizon verify}, and starts the bank on the copy: it serves the same accounts
 * and the same transfer.
 */
class BankTablesExportImportTests {

	private static final String ACCESS_KEY = "aws.accessKeyId";

	private static final String SECRET_KEY = "aws.secretAccessKey";

	private static final List<String> credentialsSetHere = new ArrayList<>();

	@TempDir
	private Path directory;

	@BeforeAll
	static void giveTheCommandCredentials() {
		// The command takes its credentials from the default AWS chain; dynalite takes any.
		for (String property : List.of(ACCESS_KEY, SECRET_KEY)) {
			if (System.getProperty(property) == null) {
				System.setProperty(property, "test");
				credentialsSetHere.add(property);
			}
		}
	}

	@AfterAll
	static void takeThemBack() {
		credentialsSetHere.forEach(System::clearProperty);
	}

	@Test
	void theBankStartedOnAnImportOfItsTablesServesTheSameAccountsAndTransfer() throws IOException {
		String original = DynamoDbTestServer.uniqueTableName("bank_original");
		String copy = DynamoDbTestServer.uniqueTableName("bank_copy");
		String accountsBefore;
		String transfer;
		String transferBefore;
		try (ConfigurableApplicationContext bank = startBankOn(original)) {
			HttpJson http = httpOf(bank);
			String ann = BankCalls.openWith(http, "ann", 100);
			String bob = BankCalls.openWith(http, "bob", 10);
			transfer = http.post("/transfers", "{\"from\":\"" + ann + "\",\"to\":\"" + bob + "\",\"amount\":30}")
				.json()
				.path("id")
				.asString();
			await().atMost(Duration.ofSeconds(20)).until(() -> BankCalls.statusOf(http, transfer).equals("completed"));
			accountsBefore = http.get("/accounts").body();
			transferBefore = http.get("/transfers/" + transfer).body();
			assertThat(accountsBefore).contains(ann, bob);
		}
		Path export = this.directory.resolve("bank.jsonl");
		assertThat(eventhorizon(original, "verify")).as("the bank's own tables").contains("clean");

		assertThat(eventhorizon(original, "export", "--output", export.toString())).isEqualTo("");
		assertThat(eventhorizon(copy, "tables", "create")).contains(copy + "_events");
		assertThat(eventhorizon(copy, "import", export.toString())).contains(" 0 already there.");
		assertThat(eventhorizon(copy, "verify")).as("the copy").contains("clean");

		try (ConfigurableApplicationContext bank = startBankOn(copy)) {
			HttpJson http = httpOf(bank);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(http.get("/accounts").body()).isEqualTo(accountsBefore);
				assertThat(http.get("/transfers/" + transfer).body()).isEqualTo(transferBefore);
			});
		}
	}

	private static String eventhorizon(String tables, String... args) {
		List<String> line = new ArrayList<>(List.of("--endpoint", DynamoDbTestServer.get().endpoint().toString(),
				"--region", "us-east-1", "--events-table", tables + "_events", "--snapshots-table",
				tables + "_snapshots"));
		line.addAll(List.of(args));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = EventHorizonCli.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		int exitCode = command.execute(line.toArray(String[]::new));
		assertThat(exitCode).as(String.join(" ", args) + ": " + out + err).isZero();
		return out.toString();
	}

	private static ConfigurableApplicationContext startBankOn(String tables) {
		return new SpringApplicationBuilder(BankApplication.class).profiles("dynamodb")
			.run("--server.port=0", "--spring.main.banner-mode=off",
					"--eventhorizon.dynamodb.events-table=" + tables + "_events",
					"--eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots",
					"--eventhorizon.dynamodb.create-tables=true",
					"--spring.cloud.aws.dynamodb.endpoint=" + DynamoDbTestServer.get().endpoint(),
					"--spring.cloud.aws.region.static=us-east-1", "--spring.cloud.aws.credentials.access-key=test",
					"--spring.cloud.aws.credentials.secret-key=test");
	}

	private static HttpJson httpOf(ConfigurableApplicationContext bank) {
		return new HttpJson(Integer.parseInt(bank.getEnvironment().getRequiredProperty("local.server.port")));
	}

}
