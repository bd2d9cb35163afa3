package io.eventhorizon.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The command run as a separate JVM inside a pseudo-terminal, as an operator at a terminal
 * runs it: util-linux {@code script} gives it a terminal, so that {@code System.console()}
 * is there and picocli turns colours on, and passes what is written to its standard input
 * through the terminal, where {@code \u0003} becomes Ctrl-C (SIGINT).
 * <p>
 * Not thread-safe: one test drives it. A reader thread collects the output.
 */
final class PseudoTerminal implements AutoCloseable {

	/** What Ctrl-C types. */
	static final String CTRL_C = "\u0003";

	private final Process process;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final Thread reader;

	private PseudoTerminal(Process process) {
		this.process = process;
		this.reader = new Thread(this::collectOutput, "pseudo-terminal-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts {@code eventhorizon} with the arguments given, in a terminal of its own.
	 * @param args the command line
	 * @return the running terminal
	 */
	static PseudoTerminal start(String... args) throws IOException {
		Path script = Path.of("/usr/bin/script");
		if (!Files.isExecutable(script)) {
			throw new IllegalStateException("/usr/bin/script is missing: install util-linux (apt-get install util-linux) "
					+ "to run the pseudo-terminal tests");
		}
		List<String> java = new ArrayList<>();
		java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Surefire's class path may be one jar whose manifest lists the rest: java -cp takes it as it is.
		java.addAll(List.of("-cp", System.getProperty("java.class.path")));
		java.add("-Daws.accessKeyId=test");
		java.add("-Daws.secretAccessKey=test");
		java.add(EventHorizonCli.class.getName());
		java.addAll(List.of(args));
		String command = java.stream().map(PseudoTerminal::quoted).collect(Collectors.joining(" "));
		// -q: no "Script started" lines; -f: flushed as it comes; -e: the command's exit code.
		ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qfec", command, "/dev/null")
			.redirectErrorStream(true);
		// picocli turns colours on for a terminal that is not dumb.
		builder.environment().put("TERM", "xterm-256color");
		builder.environment().remove("NO_COLOR");
		builder.directory(new File(System.getProperty("user.dir")));
		return new PseudoTerminal(builder.start());
	}

	/**
	 * Types text at the terminal, as a person at its keyboard would.
	 * @param text the text, such as {@link #CTRL_C}
	 */
	void type(String text) throws IOException {
		OutputStream keyboard = this.process.getOutputStream();
		keyboard.write(text.getBytes(StandardCharsets.UTF_8));
		keyboard.flush();
	}

	/**
	 * Waits until the terminal shows some text.
	 * @param text the text expected
	 * @param timeout how long to wait at most
	 * @return everything the terminal showed so far
	 * @throws IllegalStateException if the text did not come in time, or the command ended first
	 */
	String awaitOutput(String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.output) {
			while (!output().contains(text)) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || (!this.process.isAlive() && !this.reader.isAlive())) {
					throw new IllegalStateException("No \"" + text + "\" on the terminal; it showed:\n" + output());
				}
				TimeUnit.NANOSECONDS.timedWait(this.output, left);
			}
			return output();
		}
	}

	/**
	 * Waits until the command has ended.
	 * @param timeout how long to wait at most
	 * @return its exit code
	 * @throws IllegalStateException if it has not ended in time
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The command did not end in " + timeout + "; it showed:\n" + output());
		}
		this.reader.join(timeout.toMillis());
		return this.process.exitValue();
	}

	/**
	 * Returns everything the terminal showed so far, standard output and error mixed, as a
	 * terminal shows them (lines end with {@code \r\n}).
	 * @return the output
	 */
	String output() {
		synchronized (this.output) {
			return this.output.toString(StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() throws InterruptedException {
		// script passes the end on to the command, as closing a terminal window does.
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private void collectOutput() {
		byte[] buffer = new byte[8192];
		try (InputStream screen = this.process.getInputStream()) {
			for (int read = screen.read(buffer); read >= 0; read = screen.read(buffer)) {
				synchronized (this.output) {
					this.output.write(buffer, 0, read);
					this.output.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// The process was destroyed: what it showed is collected.
		}
		finally {
			synchronized (this.output) {
				this.output.notifyAll();
			}
		}
	}

	private static String quoted(String argument) {
		return "'" + argument.replace("'", "'\"'\"'") + "'";
	}

}
