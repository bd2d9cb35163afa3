package io.eventhorizon.spring.test.dynalite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A running dynalite: the open-source DynamoDB-API server on Node.js that
 * {@link DynaliteTest @DynaliteTest} points an application's tests at, with no Docker and no
 * AWS account.
 * <p>
 * {@link #get()} installs the version this module pins (with {@code npm ci}, once per
 * machine, into {@code ~/.cache/eventhorizon/dynalite}, or the directory that the system
 * property {@code eventhorizon.dynalite.cache-dir} or the environment variable
 * {@code EVENTHORIZON_DYNALITE_CACHE_DIR} names), starts it on a free loopback port, once
 * per JVM, and stops it when the JVM exits; the server also exits by itself when the JVM
 * dies, since it watches the pipe to its standard input. Its data lives in memory. Node.js
 * 20 or newer must be on the {@code PATH}; without it {@link #get()} fails with a message
 * saying what to install.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class Dynalite {

	/** The region that clients of dynalite name; dynalite accepts any. */
	public static final String REGION = "us-east-1";

	/** The access key of the static credentials; dynalite checks none. */
	public static final String ACCESS_KEY = "test";

	/** The secret key of the static credentials; dynalite checks none. */
	public static final String SECRET_KEY = "test";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final String PORT_LINE = "dynalite-port=";

	private static @Nullable Dynalite shared;

	private static @Nullable RuntimeException sharedFailure;

	private final URI endpoint;

	private final Process process;

	private Dynalite(URI endpoint, Process process) {
		this.endpoint = endpoint;
		this.process = process;
	}

	/**
	 * Returns the dynalite of this JVM, installing and starting it on first use. When that
	 * failed, every later call fails the same way at once, without trying again.
	 * @return the running server
	 * @throws IllegalStateException if it cannot be installed or started, saying why
	 */
	public static synchronized Dynalite get() {
		if (shared != null) {
			return shared;
		}
		if (sharedFailure != null) {
			throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
		}
		try {
			Dynalite started = start(DynaliteInstallation.standard());
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "dynalite-stop"));
			shared = started;
			return started;
		}
		catch (RuntimeException ex) {
			sharedFailure = ex;
			throw ex;
		}
	}

	/**
	 * Installs dynalite if needed and starts a server of its own; the caller stops it.
	 * @param installation where and with which commands to install it
	 * @return the running server
	 */
	static Dynalite start(DynaliteInstallation installation) {
		Path directory = installation.install();
		Process process;
		try {
			process = new ProcessBuilder(installation.node(), "start.js").directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start dynalite in " + directory + ": " + ex.getMessage(), ex);
		}
		BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			int port = CompletableFuture.supplyAsync(() -> readPort(output))
				.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			// The server writes nothing more that matters, but a full pipe would block it.
			Thread drain = new Thread(() -> output.lines().forEach((line) -> {
			}), "dynalite-output");
			drain.setDaemon(true);
			drain.start();
			return new Dynalite(URI.create("http://127.0.0.1:" + port), process);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			process.destroyForcibly();
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IllegalStateException("Could not start dynalite in " + directory + ": " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while dynalite started", ex);
		}
	}

	private static int readPort(BufferedReader output) {
		StringBuilder said = new StringBuilder();
		try {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith(PORT_LINE)) {
					return Integer.parseInt(line.substring(PORT_LINE.length()).trim());
				}
				said.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read dynalite's output", ex);
		}
		throw new IllegalStateException("dynalite exited before it listened; it said:\n" + said);
	}

	/**
	 * Returns the endpoint, such as {@code http://127.0.0.1:38017}.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns a new client of this server, with the {@link #REGION region} and static
	 * credentials that it accepts.
	 * @return a new client; close it after use
	 */
	public DynamoDbClient newClient() {
		return DynamoDbClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.of(REGION))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	/**
	 * Returns the properties that point a Spring Boot application with the EventHorizon
	 * starter at this server: Spring Cloud AWS's DynamoDB endpoint, region and static
	 * credentials, and {@code eventhorizon.store=dynamodb}.
	 * @param createTables whether the application creates the event tables at startup
	 * ({@code eventhorizon.dynamodb.create-tables})
	 * @return the properties, by name
	 */
	public Map<String, Object> applicationProperties(boolean createTables) {
		return Map.of("spring.cloud.aws.dynamodb.endpoint", this.endpoint.toString(),
				"spring.cloud.aws.region.static", REGION, "spring.cloud.aws.credentials.access-key", ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key", SECRET_KEY, "eventhorizon.store", "dynamodb",
				"eventhorizon.dynamodb.create-tables", Boolean.toString(createTables));
	}

	/**
	 * Stops the server: closing its standard input makes it exit; one that does not within
	 * five seconds is killed.
	 */
	void stop() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "dynalite at " + this.endpoint;
	}

}
