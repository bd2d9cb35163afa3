package io.eventhorizon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator copies a stream tree to other tables with {@code export} and {@code import}.
 */
class ExportImportTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final StreamName ACCOUNT = StreamName.of("/bank/a");

	private final CliSession source = CliSession.withTables("cli_export_source");

	private final CliSession target = CliSession.withTables("cli_export_target");

	@TempDir
	private Path directory;

	@AfterEach
	void closeSessions() {
		this.source.close();
		this.target.close();
	}

	@Test
	void aTreeExportedThenImportedIntoEmptyTablesHasTheSameItemsAndReadsTheSame() throws IOException {
		buildBank();
		Path export = exportOf(this.source, "/");

		CliRun imported = this.target.run("import", export.toString());

		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		assertThat(imported.out()).contains("8 written, 0 already there");
		assertThat(RawItems.of(this.target)).isEqualTo(RawItems.of(this.source)).hasSize(8);
		for (StreamName stream : List.of(StreamName.root(), BANK, ACCOUNT)) {
			assertThat(this.target.eventLog().read(stream.beginning()))
				.isEqualTo(this.source.eventLog().read(stream.beginning()));
			assertThat(this.target.eventLog().head(stream)).isEqualTo(this.source.eventLog().head(stream));
		}
	}

	@Test
	void anExportOfASubtreeHoldsThatSubtreeOnly() throws IOException {
		buildBank();
		this.source.eventLog().createStream(StreamName.of("/banker"));

		List<String> lines = Files.readAllLines(exportOf(this.source, "/bank"));

		assertThat(lines).hasSize(6)
			.allSatisfy((line) -> assertThat(line).matches("\\{\"Item\":\\{\"s\":\\{\"S\":\"/bank(/a)?\"}.*"));
	}

	@Test
	void theStandardOutputGetsTheExportWhenNoFileIsGiven() throws IOException {
		buildBank();

		CliRun exported = this.source.run("export", "/bank/a");

		assertThat(exported.exitCode()).as(exported.toString()).isZero();
		assertThat(exported.out().lines()).hasSize(4);
		assertThat(exported.err()).contains("4 items in");
		CliRun imported = this.target.runWithInput(exported.out(), "import", "-");
		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		assertThat(RawItems.of(this.target)).isEqualTo(RawItems.of(this.source, ACCOUNT));
	}

	@Test
	void importRefusesToOverwriteAnItemWithOtherContentAndNamesIt() throws IOException {
		buildBank();
		Path export = exportOf(this.source, "/bank/a");
		DynamoDbEventLog other = this.target.eventLog();
		other.bootstrap();
		other.createStream(BANK);
		other.createStream(ACCOUNT);
		Map<String, Map<String, AttributeValue>> before = RawItems.of(this.target);

		CliRun imported = this.target.run("import", export.toString());

		assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(1);
		assertThat(imported.err()).contains("Item /bank/a@0 exists in " + this.target.eventsTable())
			.contains("with other content; nothing was overwritten");
		assertThat(RawItems.of(this.target)).isEqualTo(before);
	}

	@Test
	void anImportRunAgainAfterAnInterruptionCompletesAndCountsWhatIsAlreadyThere() throws IOException {
		buildBank();
		Path export = exportOf(this.source, "/");
		List<String> lines = Files.readAllLines(export);
		Path firstHalf = this.directory.resolve("first-half.jsonl");
		Files.write(firstHalf, lines.subList(0, 3));
		assertThat(this.target.run("import", firstHalf.toString()).exitCode()).isZero();

		CliRun resumed = this.target.run("import", export.toString());

		assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
		assertThat(resumed.out()).contains("Imported 8 items into " + this.target.eventsTable()
				+ ": 5 written, 3 already there.");
		assertThat(RawItems.of(this.target)).isEqualTo(RawItems.of(this.source));
	}

	@Test
	void aNumberWrittenWithATrailingZeroIsAlreadyThereWhenTheImportIsRunAgain() throws IOException {
		// DynamoDB keeps a number's value, not its spelling: "1.0" is stored, and read back, as "1".
		Path export = this.directory.resolve("hand-written.jsonl");
		Files.writeString(export,
				"{\"Item\":{\"s\":{\"S\":\"/raw\"},\"v\":{\"N\":\"0\"},\"d\":{\"B\":\"AXt9\"},"
						+ "\"ft\":{\"N\":\"1764331680123.0\"}}}\n");
		assertThat(this.target.run("import", export.toString()).exitCode()).isZero();

		CliRun again = this.target.run("import", export.toString());

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("0 written, 1 already there.");
	}

	@Test
	void aMalformedLineIsNamedAndNothingIsImported() throws IOException {
		buildBank();
		List<String> lines = Files.readAllLines(exportOf(this.source, "/"));
		Path broken = this.directory.resolve("broken.jsonl");
		Files.write(broken, List.of(lines.get(0), lines.get(1), "{\"Item\":{\"s\":{\"S\":\"/bank\"}", lines.get(2)));

		CliRun imported = this.target.run("import", broken.toString());

		assertThat(imported.exitCode()).isEqualTo(1);
		assertThat(imported.err()).contains("Line 3 of " + broken + " is no item: not JSON")
			.contains("nothing was imported");
		assertThat(RawItems.of(this.target)).isEmpty();
	}

	@Test
	void anItemWithoutAVersionIsNamedByItsLine() throws IOException {
		Path noVersion = this.directory.resolve("no-version.jsonl");
		Files.writeString(noVersion, "{\"Item\":{\"s\":{\"S\":\"/bank\"},\"d\":{\"B\":\"AQ==\"}}}\n");

		CliRun imported = this.target.run("import", noVersion.toString());

		assertThat(imported.exitCode()).isEqualTo(1);
		assertThat(imported.err()).contains("Line 1 of " + noVersion + " is no item: no version");
		assertThat(RawItems.of(this.target)).isEmpty();
	}

	@Test
	void aVersionOfTheWrongTypeIsNamedByItsLine() {
		CliRun imported = this.target.runWithInput("{\"Item\":{\"s\":{\"S\":\"/bank\"},\"v\":{\"S\":\"0\"},"
				+ "\"d\":{\"B\":\"AQ==\"}}}\n", "import", "-");

		assertThat(imported.exitCode()).isEqualTo(1);
		assertThat(imported.err()).contains("Line 1 of the standard input is no item: no version");
	}

	@Test
	void aBadLineOnTheStandardInputStopsTheImportThereAndSaysWhatWasImported() throws IOException {
		buildBank();
		List<String> lines = Files.readAllLines(exportOf(this.source, "/"));

		CliRun imported = this.target.runWithInput(lines.get(0) + "\n" + "{\"Item\":{\"s\":{\"X\":\"/\"}}}\n",
				"import", "-");

		assertThat(imported.exitCode()).isEqualTo(1);
		assertThat(imported.err()).contains("Line 2 of the standard input is no item: attribute 's' has type 'X'")
			.contains("the lines before it were imported");
		assertThat(RawItems.of(this.target)).hasSize(1);
	}

	@Test
	void aFileThatIsNotThereIsNamed() {
		Path missing = this.directory.resolve("missing.jsonl");

		CliRun imported = this.target.run("import", missing.toString());

		assertThat(imported.exitCode()).isEqualTo(1);
		assertThat(imported.err()).contains("Cannot read the export '" + missing + "': no such file");
	}

	@Test
	void rawItemsOfEveryKindAndAPendingMarkerSurviveByteForByte() throws IOException {
		putRaw(this.source, Map.of("s", AttributeValue.fromS("/raw"), "v", AttributeValue.fromN("0"), "d",
				bytes(1, 0x7b, 0x7d), "p", AttributeValue.fromN("4"), "i", bytes(0xff, 0x00, 0x10)));
		putRaw(this.source, Map.of("s", AttributeValue.fromS("/raw"), "v", AttributeValue.fromN("1"), "d",
				bytes(2, 0x00, 0xfe, 0x80, 0x0a), "f", AttributeValue.fromS("/raw#3"), "ft",
				AttributeValue.fromN("1764331680123")));
		putRaw(this.source, Map.of("s", AttributeValue.fromS("/raw"), "v", AttributeValue.fromN("2"), "d",
				bytes(0), "k", AttributeValue.fromS("key-1"), "r", AttributeValue.fromS("{\"ok\":true}")));
		Path export = exportOf(this.source, "/raw");

		assertThat(Files.readAllLines(export)).containsExactlyInAnyOrder(
				"{\"Item\":{\"s\":{\"S\":\"/raw\"},\"v\":{\"N\":\"0\"},\"d\":{\"B\":\"AXt9\"},\"i\":{\"B\":\"/wAQ\"},"
						+ "\"p\":{\"N\":\"4\"}}}",
				"{\"Item\":{\"s\":{\"S\":\"/raw\"},\"v\":{\"N\":\"1\"},\"d\":{\"B\":\"AgD+gAo=\"},"
						+ "\"f\":{\"S\":\"/raw#3\"},\"ft\":{\"N\":\"1764331680123\"}}}",
				"{\"Item\":{\"s\":{\"S\":\"/raw\"},\"v\":{\"N\":\"2\"},\"d\":{\"B\":\"AA==\"},\"k\":{\"S\":\"key-1\"},"
						+ "\"r\":{\"S\":\"{\\\"ok\\\":true}\"}}}");
		CliRun imported = this.target.run("import", export.toString());
		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		assertThat(RawItems.of(this.target)).isEqualTo(RawItems.of(this.source));
	}

	@Test
	void anAttributeOfATypeTheEventsTableNeverHoldsIsRefusedByName() {
		putRaw(this.source, Map.of("s", AttributeValue.fromS("/odd"), "v", AttributeValue.fromN("0"), "d", bytes(1),
				"x", AttributeValue.fromBool(true)));

		CliRun exported = this.source.run("export");

		assertThat(exported.exitCode()).isEqualTo(1);
		assertThat(exported.err()).contains("Item /odd@0 has attribute 'x' of type BOOL");
	}

	@Test
	void anExportThatFailsHalfwayLeavesNoFile() {
		putRaw(this.source, Map.of("s", AttributeValue.fromS("/odd"), "v", AttributeValue.fromN("0"), "d", bytes(1),
				"x", AttributeValue.fromBool(true)));
		Path file = this.directory.resolve("odd.jsonl");

		CliRun exported = this.source.run("export", "--output", file.toString());

		assertThat(exported.exitCode()).isEqualTo(1);
		assertThat(file).doesNotExist();
		assertThat(this.directory.resolve("odd.jsonl.partial")).doesNotExist();
	}

	@Test
	void anExportIntoAFolderThatIsNotThereIsNamed() {
		Path file = this.directory.resolve("nowhere/bank.jsonl");

		CliRun exported = this.source.run("export", "--output", file.toString());

		assertThat(exported.exitCode()).isEqualTo(1);
		assertThat(exported.err()).contains("Could not write the export to '" + file + "'");
	}

	@Test
	void anExportTakenWhileACreationIsHeldAfterItsPendingPutCopiesItPendingAndCreateOnTheCopyFinishesIt()
			throws Exception {
		buildBank();
		StreamName created = StreamName.of("/bank/c");
		HeldRequest afterPendingPut = HeldRequest.afterResponse((request) -> request instanceof PutItemRequest put
				&& created.toString().equals(put.item().get(EventItems.STREAM).s()));
		CompletableFuture<CliRun> creation = CompletableFuture.supplyAsync(
				() -> this.source.run(new EventHorizonCli(List.of(afterPendingPut)), "create", created.toString()));
		afterPendingPut.awaitHeld();
		Path export = exportOf(this.source, "/");
		afterPendingPut.release();
		assertThat(creation.get(30, TimeUnit.SECONDS).exitCode()).isZero();

		CliRun imported = this.target.run("import", export.toString());
		CliRun verifiedLater = this.target.run(twoMinutesAhead(), "verify");
		CliRun createdOnTheCopy = this.target.run("create", created.toString());
		CliRun verifiedAfterCreate = this.target.run(twoMinutesAhead(), "verify");

		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		assertThat(verifiedLater.exitCode()).as(verifiedLater.toString()).isEqualTo(3);
		assertThat(verifiedLater.out()).contains("stale-pending  /bank/c@0").doesNotContain("unannounced");
		assertThat(createdOnTheCopy.exitCode()).as(createdOnTheCopy.toString()).isZero();
		assertThat(createdOnTheCopy.out()).contains("/bank/c@0");
		assertThat(verifiedAfterCreate.exitCode()).as(verifiedAfterCreate.toString()).isZero();
		assertThat(verifiedAfterCreate.out()).contains("clean");
		assertThat(this.target.eventLog().head(created)).isEqualTo(created.at(0));
	}

	private static EventHorizonCli twoMinutesAhead() {
		return new EventHorizonCli(List.of(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
	}

	private void buildBank() {
		DynamoDbEventLog eventLog = this.source.eventLog();
		eventLog.bootstrap();
		eventLog.createStream(BANK);
		eventLog.createStream(ACCOUNT);
		for (int amount = 1; amount <= 3; amount++) {
			eventLog.append(ACCOUNT, LogData.ofLines(LogDataKind.DATA, List
				.of("{\"_\":\"Deposited\",\"t\":\"2026-11-28T12:00:0" + amount + "Z\"} {\"amount\":" + amount + "}")));
		}
		// The root: $stream.Started and the announcement of /bank; /bank: started, announces /bank/a;
		// /bank/a: started and three deposits.
		assertThat(eventLog.head(ACCOUNT)).isEqualTo(Cursor.of(ACCOUNT, 3));
	}

	private Path exportOf(CliSession session, String tree) {
		Path file = this.directory.resolve("export-" + tree.replace('/', '_') + ".jsonl");
		CliRun exported = session.run("export", tree, "--output", file.toString());
		assertThat(exported.exitCode()).as(exported.toString()).isZero();
		return file;
	}

	private static void putRaw(CliSession session, Map<String, AttributeValue> item) {
		session.client().putItem((put) -> put.tableName(session.eventsTable()).item(item));
	}

	private static AttributeValue bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
	}

}
