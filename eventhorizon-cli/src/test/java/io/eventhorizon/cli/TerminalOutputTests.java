package io.eventhorizon.cli;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventhorizon read} and {@code tail} as a separate process in a pseudo-terminal,
 * where what they print depends on it: colours, and Ctrl-C.
 */
class TerminalOutputTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String ESCAPE = "\u001B[";

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

}
