package io.eventhorizon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command as a separate process in a pseudo-terminal, where what it prints depends on
 * it: colours, progress bars, and Ctrl-C.
 */
class TerminalOutputTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String ESCAPE = "\u001B[";

	private static final String COUNT_AND_RATE = "\\r(\\[#* *\\] )?\\d+(/\\d+)? items  \\d+/s";

	private static final String DEPOSITED = "{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00Z\"} {\"Amount\":5}";

	private final BankStream bank = BankStream.create("cli_pty");

	@BeforeEach
	void depositOnce() {
		this.bank.append(DEPOSITED);
	}

	@AfterEach
	void closeSession() {
		this.bank.close();
	}

	@Test
	void onATerminalReadColoursItsOutput() throws Exception {
		try (PseudoTerminal terminal = PseudoTerminal.start(this.bank.session().commandLine("read", "/bank@-1"))) {
			int exitCode = terminal.awaitExit(TIMEOUT);

			assertThat(exitCode).as(terminal.output()).isZero();
			assertThat(terminal.output()).contains(ESCAPE).contains("bank.Deposited").contains("/bank@1");
		}
	}

	@Test
	void pipedReadPrintsNoEscapeSequences() {
		CliRun read = this.bank.run("read", "/bank@-1");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out()).contains("bank.Deposited").doesNotContain("\u001B");
	}

	@Test
	void ctrlCEndsTailCleanlyAfterItPrintedTheEntries() throws Exception {
		try (PseudoTerminal terminal = PseudoTerminal
			.start(this.bank.session().commandLine("tail", "/bank", "--from-start", "--poll", "100ms"))) {
			terminal.awaitOutput("bank.Deposited", TIMEOUT);

			terminal.type(PseudoTerminal.CTRL_C);
			int exitCode = terminal.awaitExit(TIMEOUT);

			assertThat(exitCode).as(terminal.output()).isEqualTo(130);
			assertThat(terminal.output()).contains("/bank@0", "/bank@1")
				.doesNotContain("Exception")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void onATerminalVerifyDrawsItsProgressBarAndSaysCleanInGreen() throws Exception {
		try (PseudoTerminal terminal = PseudoTerminal.start(this.bank.session().commandLine("verify"))) {
			int exitCode = terminal.awaitExit(TIMEOUT);

			assertThat(exitCode).as(terminal.output()).isZero();
			// DynamoDB's item count, the estimate of the total, may be hours old or zero: then no bar, the count.
			assertThat(terminal.output()).as("the count so far and the rate, redrawn in place")
				.containsPattern(COUNT_AND_RATE)
				.containsPattern("\\d+ items in \\d+\\.\\d s")
				.contains(ESCAPE + "32mclean");
		}
	}

	@Test
	void pipedVerifyPrintsTheSummaryWithoutABar() {
		CliRun verified = this.bank.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.err()).containsPattern("^\\d+ items in \\d+\\.\\d s \\(\\d+/s\\)\\R$");
		assertThat(verified.out()).doesNotContain("\u001B").contains("clean");
	}

	@Test
	void onATerminalExportThenImportDrawTheirProgressWithTheTimeLeftWhenTheTotalIsKnown(@TempDir Path directory)
			throws Exception {
		Path export = directory.resolve("bank.jsonl");
		try (PseudoTerminal terminal = PseudoTerminal
			.start(this.bank.session().commandLine("export", "--output", export.toString()))) {
			assertThat(terminal.awaitExit(TIMEOUT)).as(terminal.output()).isZero();
			assertThat(terminal.output()).containsPattern(COUNT_AND_RATE);
		}
		assertThat(Files.readAllLines(export)).hasSize(4);

		try (CliSession copy = CliSession.withTables("cli_pty_copy");
				PseudoTerminal terminal = PseudoTerminal.start(copy.commandLine("import", export.toString()))) {
			assertThat(terminal.awaitExit(TIMEOUT)).as(terminal.output()).isZero();
			assertThat(terminal.output()).as("a file is counted before it is imported: a bar with the time left")
				.containsPattern("\\r\\[#* *\\] \\d/4 items  \\d+/s  ETA \\d+:\\d\\d")
				.contains("4 written, 0 already there");
		}
	}

}
