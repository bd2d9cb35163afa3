package io.eventhorizon.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.DecodedLine;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator appends events to a stream with {@code eventhorizon append}.
 */
class AppendCommandTests {

	private static final Instant NOW = Instant.parse("2026-03-01T09:30:00.250Z");

	private static final StreamName ACCOUNT = StreamName.of("/accounts/42");

	private final CliSession session = CliSession.withTables("cli_append");

	@TempDir
	private Path directory;

	@AfterEach
	void close() {
		this.session.close();
	}

	@Test
	void oneEventFromAFileIsAppendedAfterTheHeadAndTheNewCursorPrinted() throws Exception {
		createAccountStream();
		Path events = write("{\"type\":\"account.Deposited\",\"payload\":{\"amount\":100,\"currency\":\"EUR\"}}\n");

		CliRun run = append("--after", "/accounts/42@0", events.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).isEqualTo("/accounts/42@1" + System.lineSeparator());
		assertThat(entryAt(1).data().payloadText()).isEqualTo(
				"{\"_\":\"account.Deposited\",\"t\":\"2026-03-01T09:30:00.25Z\"} {\"amount\":100,\"currency\":\"EUR\"}");
	}

	@Test
	void severalEventsWithTheirOwnTimesAndUsersBecomeOneEntryTheLibraryReadsBack() throws Exception {
		createAccountStream();
		Path events = write("""
				{"type":"account.Deposited","payload":{"amount":100},"time":"2026-02-01T10:00:00+01:00","user":"alice"}

				{"type":"account.Withdrawn","payload":{"amount":30, "note":"caf\u00e9"}}
				""");

		CliRun run = append("--after", "/accounts/42@0", events.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		List<String> lines = entryAt(1).data().payloadText().lines().toList();
		assertThat(lines).hasSize(2);
		EventLineCodec codec = new EventLineCodec(EventTypes.builder().build());
		DecodedLine deposited = codec.decodeLine(lines.get(0));
		assertThat(deposited.type()).isEqualTo("account.Deposited");
		assertThat(deposited.meta().time()).isEqualTo(Instant.parse("2026-02-01T09:00:00Z"));
		assertThat(deposited.meta().userId()).contains("alice");
		DecodedLine withdrawn = codec.decodeLine(lines.get(1));
		assertThat(withdrawn.type()).isEqualTo("account.Withdrawn");
		assertThat(withdrawn.meta().time()).isEqualTo(NOW);
		assertThat(withdrawn.meta().isSystem()).isTrue();
		assertThat(lines.get(1)).endsWith(" {\"amount\":30,\"note\":\"caf\u00e9\"}");
	}

	@Test
	void eventsFromTheStandardInputAreAppendedWithJsonOutput() {
		createAccountStream();

		CliRun run = appendFromStdin("{\"type\":\"account.Deposited\",\"payload\":{\"amount\":5}}\n", "--json",
				"--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).isEqualTo("{\"cursor\":\"/accounts/42@1\"}" + System.lineSeparator());
	}

	@Test
	void aLineThatIsNotJsonIsRefusedByNumberAndNothingIsAppended() {
		assertRefused("{\"type\":\"a.B\",\"payload\":{}}\n{\"type\": oops}\n", "Line 2 is not JSON", "oops");
	}

	@Test
	void aLineThatIsNotAnObjectIsRefused() {
		assertRefused("[1,2]\n", "Line 1 is not a JSON object", "[1,2]");
	}

	@Test
	void aLineWithoutTypeIsRefused() {
		assertRefused("{\"payload\":{}}\n", "Line 1 has no \"type\"", "{\"payload\":{}}");
	}

	@Test
	void aLineWithAnEmptyTypeIsRefused() {
		assertRefused("{\"type\":\"\",\"payload\":{}}\n", "Line 1 has no \"type\"", "\"type\":\"\"");
	}

	@Test
	void aMetaTypeIsRefusedBecauseMetaEventsAreTheLibrarysOwn() {
		assertRefused("{\"type\":\"$stream.Started\",\"payload\":{}}\n", "Line 1 has the type \"$stream.Started\"",
				"library's own");
	}

	@Test
	void aPayloadThatIsNotAnObjectIsRefused() {
		assertRefused("{\"type\":\"a.B\",\"payload\":[1]}\n", "Line 1 has no \"payload\" object", "[1]");
	}

	@Test
	void aMissingPayloadIsRefused() {
		assertRefused("{\"type\":\"a.B\"}\n", "Line 1 has no \"payload\" object", "a.B");
	}

	@Test
	void aBadTimeIsRefusedNamingIt() {
		assertRefused("{\"type\":\"a.B\",\"payload\":{},\"time\":\"yesterday\"}\n", "Line 1 has the time \"yesterday\"",
				"RFC 3339");
	}

	@Test
	void anUnknownFieldIsRefusedSoThatATypoIsNotLost() {
		assertRefused("{\"type\":\"a.B\",\"paylod\":{}}\n", "Line 1 has the field \"paylod\"", "a.B");
	}

	@Test
	void emptyInputIsRefused() {
		assertRefused("\n\n", "No events in the standard input", "nothing was appended");
	}

	@Test
	void aCursorOfAnotherStreamIsRefusedNamingBoth() {
		createAccountStream();

		CliRun run = appendFromStdin("{\"type\":\"a.B\",\"payload\":{}}", "--after", "/accounts/7@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("/accounts/7@0").contains("/accounts/42");
		assertThat(this.session.eventLog().head(ACCOUNT)).isEqualTo(ACCOUNT.at(0));
	}

	@Test
	void aStreamThatDoesNotExistIsRefused() {
		this.session.eventLog().bootstrap();

		CliRun run = appendFromStdin("{\"type\":\"a.B\",\"payload\":{}}", "--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("/accounts/42");
	}

	@Test
	void appendingAfterACursorThatIsNoLongerTheHeadNamesTheConflictAndAppendsNothing() {
		createAccountStream();
		assertThat(appendFromStdin("{\"type\":\"a.B\",\"payload\":{}}", "--after", "/accounts/42@0", "-").exitCode())
			.isZero();

		CliRun run = appendFromStdin("{\"type\":\"a.C\",\"payload\":{}}", "--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("appended after /accounts/42@0 but the head is /accounts/42@1");
		assertThat(this.session.eventLog().head(ACCOUNT)).isEqualTo(ACCOUNT.at(1));
	}

	@Test
	void aConflictIsAlsoPrintedAsJsonForScripts() {
		createAccountStream();
		appendFromStdin("{\"type\":\"a.B\",\"payload\":{}}", "--after", "/accounts/42@0", "-");

		CliRun run = appendFromStdin("{\"type\":\"a.C\",\"payload\":{}}", "--json", "--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.out()).isEqualTo("{\"conflict\":{\"after\":\"/accounts/42@0\",\"head\":\"/accounts/42@1\"}}"
				+ System.lineSeparator());
	}

	@Test
	void anEntryTooLargeForOneItemIsRefusedWithTheCoresMessage() {
		createAccountStream();
		String large = "{\"type\":\"a.B\",\"payload\":{\"blob\":\"" + "x".repeat(450_000) + "\"}}";

		CliRun run = appendFromStdin(large, "--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("Commit to /accounts/42@1").contains("nothing was written");
		assertThat(this.session.eventLog().head(ACCOUNT)).isEqualTo(ACCOUNT.at(0));
	}

	@Test
	void aFileThatIsNotUtf8IsRefusedNamingTheLineAndNothingIsAppended() throws Exception {
		createAccountStream();
		// "café" saved as Latin-1: the é is the single byte 0xE9, no UTF-8 at all.
		byte[] latin1 = "{\"type\":\"account.Renamed\",\"payload\":{\"name\":\"caf\u00e9\"}}\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		Path events = Files.write(this.directory.resolve("latin1.jsonl"), latin1);

		CliRun run = append("--after", "/accounts/42@0", events.toString());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("Line 1").contains("not UTF-8").contains("nothing was appended");
		assertThat(this.session.eventLog().head(ACCOUNT)).isEqualTo(ACCOUNT.at(0));
	}

	@Test
	void aDecimalIsStoredWithEveryDigitTheOperatorGave() throws Exception {
		createAccountStream();
		Path events = write("{\"type\":\"account.Deposited\",\"payload\":{\"amount\":0.10000000000000000001,"
				+ "\"rate\":1e400}}\n");

		CliRun run = append("--after", "/accounts/42@0", events.toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		String stored = entryAt(1).data().payloadText();
		assertThat(stored).as(stored).contains("\"amount\":0.10000000000000000001");
		assertThat(stored).as(stored).doesNotContain("Infinity");
	}

	private void assertRefused(String input, String... messageParts) {
		createAccountStream();

		CliRun run = appendFromStdin(input, "--after", "/accounts/42@0", "-");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains(messageParts);
		assertThat(this.session.eventLog().head(ACCOUNT)).as("head after the refused append").isEqualTo(ACCOUNT.at(0));
	}

	private void createAccountStream() {
		this.session.eventLog().bootstrap();
		this.session.eventLog().createStream(StreamName.of("/accounts"));
		this.session.eventLog().createStream(ACCOUNT);
	}

	private LogEntry entryAt(long version) {
		return this.session.eventLog()
			.read(Cursor.of(ACCOUNT, version - 1))
			.entries()
			.stream()
			.filter((entry) -> entry.cursor().version() == version)
			.findFirst()
			.orElseThrow();
	}

	private Path write(String content) throws Exception {
		return Files.writeString(this.directory.resolve("events.jsonl"), content, StandardCharsets.UTF_8);
	}

	private CliRun append(String... args) {
		return this.session.run(fixedClockCli(), concat(args));
	}

	private CliRun appendFromStdin(String input, String... args) {
		return this.session.run(
				fixedClockCli().readingFrom(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))),
				concat(args));
	}

	private static EventHorizonCli fixedClockCli() {
		return new EventHorizonCli(List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static String[] concat(String... args) {
		String[] line = new String[args.length + 2];
		line[0] = "append";
		line[1] = ACCOUNT.toString();
		System.arraycopy(args, 0, line, 2, args.length);
		return line;
	}

}
