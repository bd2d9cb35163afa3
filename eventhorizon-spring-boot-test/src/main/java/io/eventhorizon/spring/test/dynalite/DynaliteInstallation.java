package io.eventhorizon.spring.test.dynalite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pinned dynalite, installed with {@code npm ci} into a cache directory shared by
 * every project and build on the machine: {@code package.json}, {@code package-lock.json}
 * and {@code start.js} come from this jar, so nothing depends on the working directory.
 * Each pinned version gets a directory of its own, named after the version and a digest of
 * those files, so two versions of this module never share one.
 * <p>
 * Thread-safe, and safe across processes: installing takes a file lock in the directory,
 * so two builds that install at once run {@code npm ci} once. An installation counts as
 * done only once {@code npm ci} has succeeded, so one left half-finished (npm killed) is
 * redone by the next run.
 */
final class DynaliteInstallation {

	/** The system property that moves the cache, for example to {@code target/}. */
	static final String CACHE_DIRECTORY_PROPERTY = "eventhorizon.dynalite.cache-dir";

	/** The environment variable that moves the cache when the property is not set. */
	static final String CACHE_DIRECTORY_VARIABLE = "EVENTHORIZON_DYNALITE_CACHE_DIR";

	static final int MIN_NODE_MAJOR = 20;

	private static final String RESOURCES = "/io/eventhorizon/spring/test/dynalite/server/";

	private static final String[] FILES = { "package.json", "package-lock.json", "start.js" };

	// A file lock keeps other processes out, but a second lock of the same file in one JVM
	// throws instead of waiting: threads of this JVM take turns here first.
	private static final Object INSTALLING = new Object();

	private static final Pattern PINNED_VERSION = Pattern.compile("\"dynalite\"\\s*:\\s*\"([^\"]+)\"");

	private final Path cacheRoot;

	private final String node;

	private final String npm;

	DynaliteInstallation(Path cacheRoot, String node, String npm) {
		this.cacheRoot = cacheRoot;
		this.node = node;
		this.npm = npm;
	}

	/**
	 * Returns the installation in the configured cache directory, or in
	 * {@code ~/.cache/eventhorizon/dynalite}, run with {@code node} and {@code npm} from the
	 * {@code PATH}.
	 * @return the installation
	 */
	static DynaliteInstallation standard() {
		return new DynaliteInstallation(standardCacheRoot(), "node", "npm");
	}

	private static Path standardCacheRoot() {
		String configured = System.getProperty(CACHE_DIRECTORY_PROPERTY, System.getenv(CACHE_DIRECTORY_VARIABLE));
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured).toAbsolutePath();
		}
		String xdgCache = System.getenv("XDG_CACHE_HOME");
		Path cache = (xdgCache != null && !xdgCache.isBlank()) ? Paths.get(xdgCache)
				: Paths.get(System.getProperty("user.home"), ".cache");
		return cache.resolve("eventhorizon").resolve("dynalite");
	}

	/**
	 * Returns the command that runs Node.js.
	 * @return the command
	 */
	String node() {
		return this.node;
	}

	/**
	 * Installs dynalite unless it is installed already, after checking that Node.js is
	 * there and new enough.
	 * @return the directory holding {@code start.js} and its {@code node_modules}
	 * @throws IllegalStateException if Node.js or npm is missing or too old, or
	 * {@code npm ci} fails; the message says what to install or what npm said
	 */
	Path install() {
		Map<String, byte[]> files = bundledFiles();
		Path directory = this.cacheRoot.resolve(pinnedVersion(files) + "-" + digest(files));
		requireNode();
		synchronized (INSTALLING) {
			installOnce(directory, files);
		}
		return directory;
	}

	private void installOnce(Path directory, Map<String, byte[]> files) {
		try {
			Files.createDirectories(directory);
			try (FileChannel channel = FileChannel.open(directory.resolve(".install.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				// Written only once npm ci has succeeded: an npm killed halfway may have
				// unpacked dynalite without its dependencies, and the next run must redo it.
				Path complete = directory.resolve(".installed");
				if (!Files.isRegularFile(complete)) {
					for (Map.Entry<String, byte[]> file : files.entrySet()) {
						Files.write(directory.resolve(file.getKey()), file.getValue());
					}
					runNpmCi(directory, directory.resolve("node_modules/dynalite/package.json"));
					Files.createFile(complete);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install dynalite in " + directory + ": " + ex.getMessage()
					+ " (set " + CACHE_DIRECTORY_PROPERTY + " to a writable directory to install it elsewhere)", ex);
		}
	}

	private void runNpmCi(Path directory, Path installed) throws IOException {
		Process npm;
		try {
			npm = new ProcessBuilder(this.npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund")
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("dynalite is installed with npm, but '" + this.npm + "' was not found on "
					+ "the PATH. Install Node.js " + MIN_NODE_MAJOR + " or newer, which comes with npm.", ex);
		}
		String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (npm.waitFor() != 0 || !Files.isRegularFile(installed)) {
				throw new IllegalStateException("'npm ci' in " + directory + " could not install dynalite; npm said:\n"
						+ output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while npm installed dynalite in " + directory, ex);
		}
	}

	private void requireNode() {
		String version;
		try {
			Process process = new ProcessBuilder(this.node, "--version").redirectErrorStream(true).start();
			version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException("dynalite, the DynamoDB-API server of these tests, runs on Node.js, but '"
					+ this.node + "' was not found on the PATH. Install Node.js " + MIN_NODE_MAJOR
					+ " or newer (it comes with npm).", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking Node.js for its version", ex);
		}
		if (majorOf(version) < MIN_NODE_MAJOR) {
			throw new IllegalStateException("dynalite needs Node.js " + MIN_NODE_MAJOR + " or newer, but '" + this.node
					+ " --version' says \"" + version + "\". Install Node.js " + MIN_NODE_MAJOR + " or newer.");
		}
	}

	private static int majorOf(String version) {
		Matcher major = Pattern.compile("^v?(\\d+)\\.").matcher(version);
		return major.find() ? Integer.parseInt(major.group(1)) : -1;
	}

	private static Map<String, byte[]> bundledFiles() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : FILES) {
			try (InputStream in = DynaliteInstallation.class.getResourceAsStream(RESOURCES + name)) {
				if (in == null) {
					throw new IllegalStateException("The jar of eventhorizon-spring-boot-test lacks " + RESOURCES + name);
				}
				files.put(name, in.readAllBytes());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read " + RESOURCES + name, ex);
			}
		}
		return files;
	}

	private static String pinnedVersion(Map<String, byte[]> files) {
		Matcher version = PINNED_VERSION.matcher(new String(files.get("package.json"), StandardCharsets.UTF_8));
		if (!version.find()) {
			throw new IllegalStateException("The bundled package.json pins no dynalite version");
		}
		return version.group(1);
	}

	private static String digest(Map<String, byte[]> files) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			files.values().forEach(sha256::update);
			return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
