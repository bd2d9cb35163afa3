package io.eventhorizon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real DynamoDB-API server that the tests talk to through the AWS SDK.
 * <p>
 * By default it is dynalite, installed from {@code dynalite/package-lock.json} with
 * {@code npm ci} when missing, started once per test JVM on a free loopback port and
 * stopped when the JVM exits (the server also exits when the JVM dies: it watches its
 * standard input). Node.js 20+ is required; without it every DynamoDB test fails with a
 * message saying so, it is never skipped.
 * <p>
 * Set {@value #ENDPOINT_VARIABLE} (for example {@code http://localhost:4566} for
 * LocalStack, or {@code https://dynamodb.eu-west-1.amazonaws.com}) to test against another
 * server instead; credentials then come from the default AWS chain when present, and the
 * region from {@code AWS_REGION}.
 * <p>
 * Thread-safe.
 */
public final class DynamoDbTestServer {

	/** The variable that points the tests at another DynamoDB endpoint. */
	public static final String ENDPOINT_VARIABLE = "EVENTHORIZON_TEST_DYNAMODB_ENDPOINT";

	private static final int MIN_NODE_MAJOR = 20;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final AtomicInteger tableCounter = new AtomicInteger();

	private static DynamoDbTestServer instance;

	private final URI endpoint;

	private final Process process;

	private DynamoDbTestServer(URI endpoint, Process process) {
		this.endpoint = endpoint;
		this.process = process;
	}

	/**
	 * Returns the server, starting dynalite on first use.
	 * @return the server
	 */
	public static synchronized DynamoDbTestServer get() {
		if (instance == null) {
			String endpoint = System.getenv(ENDPOINT_VARIABLE);
			instance = (endpoint != null && !endpoint.isBlank()) ? new DynamoDbTestServer(URI.create(endpoint), null)
					: startDynalite();
		}
		return instance;
	}

	/**
	 * Returns the endpoint URI.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Whether this is the dynalite started by the tests (not an external endpoint).
	 * @return whether dynalite runs in a child process
	 */
	public boolean isDynalite() {
		return this.process != null;
	}

	/**
	 * Returns a new client for the server.
	 * @param interceptors interceptors to add, for injecting faults
	 * @return a new client; close it after use
	 */
	public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
		return newClient((config) -> {
		}, interceptors);
	}

	/**
	 * Returns a new client for the server whose SDK retries quickly: three attempts in
	 * all, waiting 5 to 50 ms, so that tests of faults outlasting the retries run fast.
	 * @param interceptors interceptors to add, for injecting faults
	 * @return a new client; close it after use
	 */
	public DynamoDbClient newClientWithQuickRetries(ExecutionInterceptor... interceptors) {
		BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
		return newClient((config) -> config
			.retryStrategy((retry) -> retry.maxAttempts(3).backoffStrategy(quick).throttlingBackoffStrategy(quick)),
				interceptors);
	}

	/**
	 * Returns a new client for the server, configured further.
	 * @param configuration more configuration, such as a quicker retry strategy
	 * @param interceptors interceptors to add, for injecting faults
	 * @return a new client; close it after use
	 */
	public DynamoDbClient newClient(Consumer<ClientOverrideConfiguration.Builder> configuration,
			ExecutionInterceptor... interceptors) {
		return DynamoDbClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
			.credentialsProvider(credentials())
			.overrideConfiguration((config) -> {
				List.of(interceptors).forEach(config::addExecutionInterceptor);
				configuration.accept(config);
			})
			.build();
	}

	/**
	 * Returns a table name no other test in this run uses.
	 * @param prefix a prefix naming the test
	 * @return a fresh table name
	 */
	public static String uniqueTableName(String prefix) {
		return prefix + "_" + ProcessHandle.current().pid() + "_" + tableCounter.incrementAndGet();
	}

	private AwsCredentialsProvider credentials() {
		if (!isDynalite() && System.getenv("AWS_ACCESS_KEY_ID") != null) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
	}

	private static DynamoDbTestServer startDynalite() {
		Launched launched = launch(List.of());
		return new DynamoDbTestServer(URI.create("http://127.0.0.1:" + launched.port()), launched.process());
	}

	/**
	 * Starts a dynalite of its own that keeps its data in {@code dataDirectory}, so that a
	 * test can stop it and start it again on the same port with the same data.
	 * @param dataDirectory where the data lives
	 * @return the running server
	 */
	public static Dedicated dedicated(Path dataDirectory) {
		return new Dedicated(dataDirectory);
	}

	static Launched launch(List<String> arguments) {
		Path dir = dynaliteDirectory();
		requireNode("node");
		installIfMissing(dir);
		try {
			List<String> command = new ArrayList<>(List.of("node", "start.js"));
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "dynalite-stop"));
			BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(output));
			int listening = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Thread drain = new Thread(() -> output.lines().forEach((line) -> { }), "dynalite-output");
			drain.setDaemon(true);
			drain.start();
			return new Launched(process, listening);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start dynalite from " + dir + ": " + ex.getMessage(), ex);
		}
	}

	record Launched(Process process, int port) {
	}

	/**
	 * A dynalite of a test's own, with its data on disk: stop it to simulate an outage,
	 * start it again on the same port with the same data. Not thread-safe.
	 */
	public static final class Dedicated implements AutoCloseable {

		private final Path dataDirectory;

		private final int port;

		private Process process;

		private Dedicated(Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			Launched launched = launch(List.of("--path", dataDirectory.toString()));
			this.process = launched.process();
			this.port = launched.port();
		}

		/**
		 * Returns the endpoint; the same across restarts.
		 * @return the endpoint
		 */
		public URI endpoint() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

		/**
		 * Stops the server; its data stays on disk.
		 */
		public void stop() {
			DynamoDbTestServer.stop(this.process);
		}

		/**
		 * Starts the server again on the same port, with the same data.
		 */
		public void restart() {
			this.process = launch(List.of("--port", Integer.toString(this.port), "--path",
					this.dataDirectory.toString())).process();
		}

		@Override
		public void close() {
			stop();
		}

	}

	private static int readPort(BufferedReader output) {
		StringBuilder seen = new StringBuilder();
		try {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith("dynalite-port=")) {
					return Integer.parseInt(line.substring("dynalite-port=".length()).trim());
				}
				seen.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		throw new IllegalStateException("dynalite exited before listening; it said:\n" + seen);
	}

	static void stop(Process process) {
		try {
			process.getOutputStream().close();
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException | InterruptedException ex) {
			process.destroyForcibly();
		}
	}

	private static Path dynaliteDirectory() {
		String configured = System.getProperty("eventhorizon.dynalite.dir");
		if (configured != null) {
			return Paths.get(configured).toAbsolutePath();
		}
		for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("dynalite/start.js"))) {
				return dir.resolve("dynalite");
			}
		}
		throw new IllegalStateException("Cannot find dynalite/start.js above " + Paths.get("").toAbsolutePath()
				+ "; run the tests from the repository, or set " + ENDPOINT_VARIABLE);
	}

	static void requireNode(String command) {
		String version;
		try {
			Process node = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
			version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			node.waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The DynamoDB tests run against dynalite, which needs Node.js "
					+ MIN_NODE_MAJOR + " or newer, but '" + command + "' was not found on the PATH. Install Node.js "
					+ MIN_NODE_MAJOR + "+ (it comes with npm), or set " + ENDPOINT_VARIABLE
					+ " to the endpoint of another DynamoDB server to test against.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		int major = parseMajor(version);
		if (major < MIN_NODE_MAJOR) {
			throw new IllegalStateException("The DynamoDB tests run against dynalite 4, which needs Node.js "
					+ MIN_NODE_MAJOR + " or newer; 'node --version' says " + version + ". Upgrade Node.js, or set "
					+ ENDPOINT_VARIABLE + " to the endpoint of another DynamoDB server to test against.");
		}
	}

	private static int parseMajor(String version) {
		try {
			String digits = version.startsWith("v") ? version.substring(1) : version;
			return Integer.parseInt(digits.substring(0, digits.indexOf('.')));
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static void installIfMissing(Path dir) {
		Path installed = dir.resolve("node_modules/dynalite/package.json");
		try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			if (Files.isRegularFile(installed)) {
				return;
			}
			Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (npm.waitFor() != 0 || !Files.isRegularFile(installed)) {
				throw new IllegalStateException("'npm ci' in " + dir + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install dynalite in " + dir + " with 'npm ci' (npm comes with "
					+ "Node.js " + MIN_NODE_MAJOR + "+): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
