package io.eventhorizon.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventhorizon read} run in-process against dynalite, on a stream of deposits and
 * on items written beneath the event log: kinds it does not know, a broken line.
 */
class ReadCommandTests {

	private static final String DEPOSITED = "{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00.000Z\",\"u\":\"u42\"} "
			+ "{\"Amount\":5,\"Note\":\"salary\"}";

	private static final String WITHDRAWN = "{\"_\":\"bank.Withdrawn\",\"t\":\"2026-11-28T10:01:00.000Z\"} {\"Amount\":2}";

	private final BankStream bank = BankStream.create("cli_read");

	@AfterEach
	void closeSession() {
		this.bank.close();
	}

	@Test
	void entriesAfterTheCursorAreShownDecodedWithMetaEntriesMarked() {
		this.bank.append(DEPOSITED, WITHDRAWN);

		CliRun read = this.bank.run("read", "/bank@-1");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out()).matches("""
				/bank@0  meta
				  \\$stream.Started  \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z  system  \\{\\}
				/bank@1  data
				  bank.Deposited  2026-11-28T10:00:00Z  u42  \\{"Amount":5,"Note":"salary"\\}
				  bank.Withdrawn  2026-11-28T10:01:00Z  system  \\{"Amount":2\\}
				""");
		assertThat(read.err()).isEmpty();
	}

	@Test
	void theCursorItselfIsNotShownOnlyWhatFollowsIt() {
		this.bank.append(DEPOSITED);
		this.bank.append(WITHDRAWN);

		CliRun read = this.bank.run("read", "/bank@1");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out()).startsWith("/bank@2  data").doesNotContain("/bank@1").doesNotContain("/bank@0");
	}

	@Test
	void forScriptsEachEntryIsOneJsonDocumentWithThePayloadAsAnObject() {
		this.bank.append(DEPOSITED, WITHDRAWN);

		CliRun read = this.bank.run("read", "/bank@0", "--json");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out()).isEqualTo("{\"cursor\":\"/bank@1\",\"kind\":3,\"events\":["
				+ "{\"type\":\"bank.Deposited\",\"time\":\"2026-11-28T10:00:00Z\",\"user\":\"u42\","
				+ "\"payload\":{\"Amount\":5,\"Note\":\"salary\"}},"
				+ "{\"type\":\"bank.Withdrawn\",\"time\":\"2026-11-28T10:01:00Z\",\"user\":null,"
				+ "\"payload\":{\"Amount\":2}}]}" + System.lineSeparator());
	}

	@Test
	void aLimitStopsTheReadAndTellsWhereToGoOn() {
		for (int deposit = 0; deposit < 5; deposit++) {
			this.bank.append(DEPOSITED);
		}

		CliRun first = this.bank.run("read", "/bank@-1", "--limit", "2");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("/bank@0", "/bank@1").doesNotContain("/bank@2");
		assertThat(first.err()).contains("up to /bank@5").contains("read /bank@1 ");

		CliRun next = this.bank.run("read", "/bank@1", "--limit", "2", "--json");
		assertThat(next.out().lines()).extracting((line) -> line.substring(0, 21))
			.containsExactly("{\"cursor\":\"/bank@2\",\"", "{\"cursor\":\"/bank@3\",\"");

		CliRun last = this.bank.run("read", "/bank@3", "--limit", "2");
		assertThat(last.out()).contains("/bank@4", "/bank@5");
		assertThat(last.err()).as("nothing more to tell at the head").isEmpty();
	}

	@Test
	void aLimitBeyondOnePageReadsSeveralPages() {
		for (int deposit = 0; deposit < 120; deposit++) {
			this.bank.append(DEPOSITED);
		}

		CliRun read = this.bank.run("read", "/bank@-1", "--limit", "110", "--json");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out().lines()).hasSize(110).last().asString().startsWith("{\"cursor\":\"/bank@109\"");
		assertThat(read.err()).contains("read /bank@109 ");
	}

	@Test
	void entriesOfKindsItDoesNotKnowAreShownWithTheirSizeNeverDecoded() {
		this.bank.putRaw(1, 0, "{\"_\":\"x\",\"t\":\"2026-11-28T10:00:00Z\"} {}");
		this.bank.putRaw(2, 2, "sealed bytes");
		this.bank.putRaw(3, 9, "from a later version");
		this.bank.append(WITHDRAWN);

		CliRun read = this.bank.run("read", "/bank@0");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out()).isEqualTo("""
				/bank@1  kind 0, 39 bytes, not decoded
				/bank@2  kind 2, 12 bytes, not decoded
				/bank@3  kind 9, 20 bytes, not decoded
				/bank@4  data
				  bank.Withdrawn  2026-11-28T10:01:00Z  system  {"Amount":2}
				""");
	}

	@Test
	void forScriptsAnEntryOfAnUnknownKindHasNoEventsButItsSize() {
		this.bank.putRaw(1, 9, "from a later version");

		CliRun read = this.bank.run("read", "/bank@0", "--json");

		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out().trim()).isEqualTo("{\"cursor\":\"/bank@1\",\"kind\":9,\"events\":null,\"bytes\":20}");
	}

	@Test
	void aLineThatDoesNotDecodeIsShownAsBrokenWithItsTextAndTheOthersStillDecoded() {
		this.bank.putRaw(1, 3, DEPOSITED + "\n{\"_\":\"bank.Deposited\" no payload\n" + WITHDRAWN);

		CliRun read = this.bank.run("read", "/bank@0");
		assertThat(read.exitCode()).as(read.toString()).isZero();
		assertThat(read.out().lines()).containsExactly("/bank@1  data",
				"  bank.Deposited  2026-11-28T10:00:00Z  u42  {\"Amount\":5,\"Note\":\"salary\"}",
				"  broken line (No metadata object): {\"_\":\"bank.Deposited\" no payload",
				"  bank.Withdrawn  2026-11-28T10:01:00Z  system  {\"Amount\":2}");

		CliRun json = this.bank.run("read", "/bank@0", "--json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		assertThat(json.out()).contains(
				"{\"broken\":\"{\\\"_\\\":\\\"bank.Deposited\\\" no payload\",\"reason\":\"No metadata object\"}");
	}

	@Test
	void aStreamThatDoesNotExistIsRefusedNamingIt() {
		CliRun read = this.bank.run("read", "/nowhere@3");

		assertThat(read.exitCode()).isEqualTo(1);
		assertThat(read.err()).contains("Stream /nowhere does not exist");
		assertThat(read.out()).isEmpty();
	}

	@Test
	void payloadNumbersAreShownAsStoredWithEveryDigit() {
		this.bank.append("{\"_\":\"bank.Deposited\",\"t\":\"2026-11-28T10:00:00Z\"} "
				+ "{\"Amount\":100.50,\"Rate\":0.10000000000000000001,\"Cents\":12345678901234567890123}");
		String stored = "{\"Amount\":100.50,\"Rate\":0.10000000000000000001,\"Cents\":12345678901234567890123}";

		CliRun read = this.bank.run("read", "/bank@0");
		CliRun json = this.bank.run("read", "/bank@0", "--json");

		assertThat(read.out()).as(read.toString()).contains(stored);
		assertThat(json.out()).as(json.toString()).contains("\"payload\":" + stored);
	}

	@Test
	void aCursorBeyondTheHeadIsRefusedNamingItAndTheHead() {
		CliRun read = this.bank.run("read", "/bank@10");

		assertThat(read.exitCode()).isEqualTo(1);
		assertThat(read.err()).contains("Cannot read after /bank@10: the head of /bank is /bank@0");
		assertThat(read.out()).isEmpty();
	}

	@Test
	void aBadCursorIsRefusedWithTheCoresMessageNamingIt() {
		CliRun read = this.bank.run("read", "/bank@x");

		assertThat(read.exitCode()).isEqualTo(1);
		assertThat(read.err()).contains("Invalid cursor \"/bank@x\"");
		assertThat(read.out()).isEmpty();
	}

	@Test
	void aLimitBelowOneIsAUsageError() {
		CliRun read = this.bank.run("read", "/bank@-1", "--limit", "0");

		assertThat(read.exitCode()).isEqualTo(2);
		assertThat(read.err()).contains("--limit must be 1 or more, was 0");
	}

}
