package io.eventhorizon.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator looks at and deletes the snapshots of a stream with
 * {@code eventhorizon snapshots ls|show|delete}.
 */
class SnapshotsCommandTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private static final SnapshotPerspective ACCOUNTS = SnapshotPerspective.v1("bank-accounts");

	private static final SnapshotPerspective LEDGER = SnapshotPerspective.v1("ledger");

	// 700 KB: more than one item holds, so the store splits it into three chunks.
	private static final int SPLIT_SIZE = 700 * 1024;

	private final CliSession session = CliSession.withTables("cli_snapshots");

	private final DynamoDbSnapshotStore store = new DynamoDbSnapshotStore(this.session.client(),
			this.session.snapshotsTable());

	@AfterEach
	void close() {
		this.session.close();
	}

	@Test
	void lsOfAStreamWithoutSnapshotsSaysSo() {
		CliRun run = this.session.run("snapshots", "ls", "/bank");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).isEqualTo("No snapshots of /bank" + System.lineSeparator());
	}

	@Test
	void lsShowsOneRowPerPerspectiveEvenForASnapshotSplitIntoChunks() {
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100}")));
		this.store.write(Snapshot.of(BANK.at(7), LEDGER, binary(SPLIT_SIZE)));

		CliRun run = this.session.run("snapshots", "ls", "/bank");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines()).containsExactly("PERSPECTIVE       CURSOR   BYTES   STORAGE",
				"bank-accounts:v1  /bank@3  15      plain", "ledger:v1         /bank@7  716800  3 chunks");
	}

	@Test
	void lsPrintsOneJsonDocumentPerPerspectiveForScripts() {
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100}")));
		this.store.write(Snapshot.of(BANK.at(7), LEDGER, binary(SPLIT_SIZE)));

		CliRun run = this.session.run("snapshots", "ls", "--json", "/bank");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines()).containsExactly(
				"{\"perspective\":\"bank-accounts:v1\",\"cursor\":\"/bank@3\",\"bytes\":15,\"kind\":1,\"chunks\":0}",
				"{\"perspective\":\"ledger:v1\",\"cursor\":\"/bank@7\",\"bytes\":716800,\"kind\":3,\"chunks\":3}");
	}

	@Test
	void showPrintsTheCursorAndTheJsonDataPrettyPrinted() {
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100,\"owner\":\"alice\"}")));

		CliRun run = this.session.run("snapshots", "show", "/bank", "bank-accounts:v1");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines()).containsExactly("cursor: /bank@3", "bytes:  31 (JSON)", "{",
				"  \"balance\" : 100,", "  \"owner\" : \"alice\"", "}");
	}

	@Test
	void showPrintsTheNumbersOfTheDataAsStoredWithEveryDigit() {
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100.50,\"rate\":0.10000000000000000001}")));

		CliRun shown = this.session.run("snapshots", "show", "/bank", "bank-accounts:v1");
		CliRun json = this.session.run("snapshots", "show", "--json", "/bank", "bank-accounts:v1");

		assertThat(shown.out()).as(shown.toString()).contains("\"balance\" : 100.50", "\"rate\" : 0.10000000000000000001");
		assertThat(json.out()).as(json.toString()).contains("\"json\":{\"balance\":100.50,\"rate\":0.10000000000000000001}");
	}

	@Test
	void showOfABinarySplitSnapshotPrintsItsSizeOnly() {
		this.store.write(Snapshot.of(BANK.at(7), LEDGER, binary(SPLIT_SIZE)));

		CliRun run = this.session.run("snapshots", "show", "/bank", "ledger:v1");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines()).containsExactly("cursor: /bank@7", "bytes:  716800 (binary)");
	}

	@Test
	void showWithJsonPrintsTheDataAsJsonOrBase64() {
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100}")));
		this.store.write(Snapshot.of(BANK.at(4), LEDGER, new byte[] { (byte) 0xFF, 0, 1 }));

		CliRun jsonData = this.session.run("snapshots", "show", "--json", "/bank", "bank-accounts:v1");
		CliRun binaryData = this.session.run("snapshots", "show", "--json", "/bank", "ledger:v1");

		assertThat(jsonData.out()).isEqualTo("{\"perspective\":\"bank-accounts:v1\",\"cursor\":\"/bank@3\",\"bytes\":15,"
				+ "\"json\":{\"balance\":100}}" + System.lineSeparator());
		assertThat(binaryData.out()).isEqualTo("{\"perspective\":\"ledger:v1\",\"cursor\":\"/bank@4\",\"bytes\":3,"
				+ "\"base64\":\"/wAB\"}" + System.lineSeparator());
	}

	@Test
	void showOfAMissingSnapshotFailsNamingIt() {
		CliRun run = this.session.run("snapshots", "show", "/bank", "bank-accounts:v1");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("No snapshot bank-accounts:v1 of /bank");
	}

	@Test
	void aBadPerspectiveIsRefusedWithTheCoresMessageNamingIt() {
		CliRun show = this.session.run("snapshots", "show", "/bank", "bank-accounts");
		CliRun delete = this.session.run("snapshots", "delete", "/bank", "bank accounts:v1");

		assertThat(show.exitCode()).isEqualTo(1);
		assertThat(show.err()).contains("Invalid snapshot perspective \"bank-accounts\"");
		assertThat(delete.exitCode()).isEqualTo(1);
		assertThat(delete.err()).contains("\"bank accounts\"");
	}

	@Test
	void deleteRemovesASplitSnapshotWithAllItsChunks() {
		this.store.write(Snapshot.of(BANK.at(7), LEDGER, binary(SPLIT_SIZE)));
		this.store.write(Snapshot.of(BANK.at(3), ACCOUNTS, json("{\"balance\":100}")));

		CliRun run = this.session.run("snapshots", "delete", "/bank", "ledger:v1");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).isEqualTo("Deleted snapshot ledger:v1 of /bank" + System.lineSeparator());
		assertThat(this.store.read(BANK, LEDGER)).isEmpty();
		assertThat(this.store.read(BANK, ACCOUNTS)).as("the other perspective's snapshot").isPresent();
		assertThat(SnapshotTable.chunkItems(this.session, BANK)).isEmpty();
	}

	@Test
	void deletingASnapshotThatIsNotThereFailsNamingIt() {
		CliRun run = this.session.run("snapshots", "delete", "/bank", "ledger:v1");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("No snapshot ledger:v1 of /bank to delete");
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] binary(int size) {
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) 0xFE);
		return data;
	}

}
