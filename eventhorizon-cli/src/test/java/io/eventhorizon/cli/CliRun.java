package io.eventhorizon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * One in-process run of the command, with what it printed and its exit code.
 */
final class CliRun {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	private final int exitCode;

	CliRun(CommandLine commandLine, String... args) {
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		this.exitCode = commandLine.execute(args);
	}

	int exitCode() {
		return this.exitCode;
	}

	String out() {
		return this.out.toString();
	}

	String err() {
		return this.err.toString();
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- out:\n" + out() + "--- err:\n" + err();
	}

}
