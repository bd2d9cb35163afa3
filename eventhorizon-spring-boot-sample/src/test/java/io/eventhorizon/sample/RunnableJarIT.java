package io.eventhorizon.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample is a runnable jar: {@code java -jar} starts the bank on the embedded
 * store, as the README says. Runs after {@code package} (failsafe), on the jar itself.
 */
class RunnableJarIT {

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process process;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void javaDashJarStartsTheBankOnTheEmbeddedStore() throws Exception {
		Path jar = packagedJar();

		HttpJson http = new HttpJson(start(jar));

		assertThat(http.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
		HttpJson.Response opened = http.post("/accounts", "{\"owner\":\"alice\"}");
		assertThat(opened.status()).isEqualTo(201);
		assertThat(this.output).as("started outside tests on the in-memory store, it says so loudly")
			.anyMatch((line) -> line.contains("WARN") && line.contains("eventhorizon.store=dynamodb"));
		assertThat(Files.size(jar)).as("a fat jar, with its dependencies").isGreaterThan(10_000_000L);
	}

	/**
	 * The jar carries the initializer that ahead-of-time processing generated at build time
	 * (as for a native image): the bank starts from it, with the event types, aggregates
	 * and processors found at build time, and keeps money as it should.
	 */
	@Test
	void theBankStartsFromWhatAheadOfTimeProcessingGeneratedAtBuildTime() throws Exception {
		HttpJson http = new HttpJson(start(packagedJar(), "-Dspring.aot.enabled=true"));

		assertThat(this.output).as("the generated initializer was used")
			.anyMatch((line) -> line.contains("Starting AOT-processed BankApplication"));
		String account = http.post("/accounts", "{\"owner\":\"alice\"}").json().path("id").asString();
		assertThat(http.post("/accounts/" + account + "/deposits", "{\"amount\":250}").status()).isEqualTo(200);
		assertThat(http.get("/accounts/" + account).json().path("balance").asLong()).isEqualTo(250);
		assertThat(http.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
	}

	private static Path packagedJar() {
		Path jar = Path.of(System.getProperty("sample.jar"));
		assertThat(jar).as("the packaged sample").exists();
		return jar;
	}

	private int start(Path jar, String... jvmOptions) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--spring.main.banner-mode=off"));
		this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return portOnceStarted().get(120, TimeUnit.SECONDS);
	}

	private CompletableFuture<Integer> portOnceStarted() {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					this.output.add(line);
					Matcher started = STARTED_ON_PORT.matcher(line);
					if (started.find()) {
						port.complete(Integer.parseInt(started.group(1)));
					}
				}
				port.completeExceptionally(new IllegalStateException("the jar exited before listening:\n"
						+ String.join("\n", this.output)));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "sample-jar-output");
		reader.setDaemon(true);
		reader.start();
		return port;
	}

}
