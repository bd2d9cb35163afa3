package io.eventhorizon.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.MetaEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator runs {@code eventhorizon verify} on a store the library built, then on the same
 * store damaged on purpose through the raw table.
 */
class VerifyCommandTests {

	private final CliSession session = CliSession.withTables("cli_verify");

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void aStoreBuiltByTheLibraryIsClean() {
		buildBank();

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.out()).contains("Verified /: 4 streams, 10 entries (kind 1: 7, kind 3: 3)")
			.contains("clean")
			.doesNotContain("DAMAGE");
		assertThat(verified.err()).contains("10 items in");
	}

	@Test
	void aDeletedEntryInTheMiddleIsAGapNamedByTheMissingCursor() {
		buildBank();
		deleteItem("/bank/a", 2);

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("gap").contains("/bank/a@2").contains("@2 missing (after @1, before @3");
	}

	@Test
	void aStreamWithoutItsFirstEntryHasAGapAtZero() {
		buildBank();
		deleteItem("/bank/a", 0);

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("gap").contains("/bank/a@0").contains("@0 missing (no @0, before @1");
	}

	@Test
	void anAnnouncedChildWithoutEntriesIsMissing() {
		buildBank();
		deleteItem("/bank/b", 0);

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("missing-child").contains("/bank/b")
			.contains("announced at /bank@2 but has no entries");
	}

	@Test
	void aBrokenLineIsUndecodable() {
		buildBank();
		putItem("/bank/a", 4, kindAndText(3, "{\"_\":"));

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("undecodable").contains("/bank/a@4");
	}

	@Test
	void kindZeroIsDamage() {
		buildBank();
		putItem("/bank/a", 4, kindAndText(0, "{}"));

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("kind-0").contains("/bank/a@4").contains("kind 0: 1");
	}

	@Test
	void anEncryptedEntryIsCountedButNotChecked() {
		buildBank();
		putItem("/bank/a", 4, kindAndText(2, "sealed bytes"));

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.out()).contains("1 encrypted, not checked").contains("clean");
	}

	@Test
	void anEntryWithoutDataIsDamage() {
		buildBank();
		this.session.client()
			.putItem((put) -> put.tableName(this.session.eventsTable())
				.item(Map.of("s", AttributeValue.fromS("/bank/a"), "v", AttributeValue.fromN("4"))));

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("no-data").contains("/bank/a@4");
	}

	@Test
	void keysNoStreamOrEntryCanHaveAreDamage() {
		buildBank();
		putItem("bank", 0, MetaEvents.streamStarted(Instant.now()).toStored());
		putItem("/bank/a", -1, MetaEvents.streamStarted(Instant.now()).toStored());

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("bad-key").contains("bank@0").contains("/bank/a@-1")
			.contains("version -1 is before any entry");
	}

	@Test
	void aFirstEntryThatIsNoStreamStartedIsDamage() {
		buildBank();
		deleteItem("/bank/b", 0);
		putItem("/bank/b", 0, MetaEvents.childStreamCreated(StreamName.of("/bank/b/z"), Instant.now()).toStored());

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("not-started").contains("/bank/b@0")
			.contains("$stream.ChildStreamCreated");
	}

	@Test
	void aChildItsParentNeverAnnouncedIsDamage() {
		buildBank();
		putItem("/bank/x", 0, MetaEvents.streamStarted(Instant.now()).toStored());

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("unannounced").contains("/bank/x")
			.contains("no $stream.ChildStreamCreated for it in /bank");
	}

	@Test
	void aCreationAbandonedMoreThanAMinuteAgoIsAStalePendingMarker() {
		buildBank();
		abandonCreationAfterItsMarker("/bank/p");
		EventHorizonCli twoMinutesLater = new EventHorizonCli(List.of(),
				Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));

		CliRun verified = this.session.run(twoMinutesLater, "verify");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("stale-pending").contains("/bank/p@0").doesNotContain("unannounced");
	}

	@Test
	void aCreationAbandonedJustNowIsInProgressNotDamage() {
		buildBank();
		abandonCreationAfterItsMarker("/bank/p");

		CliRun verified = this.session.run("verify");

		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.out()).contains("creation in progress: /bank/p@0").contains("clean");
	}

	@Test
	void aSubtreeVerifyIgnoresDamageOutsideIt() {
		buildBank();
		DynamoDbEventLog eventLog = this.session.eventLog();
		eventLog.createStream(StreamName.of("/other"));
		eventLog.append(StreamName.of("/other"), data("{\"_\":\"Noted\",\"t\":\"2026-01-01T00:00:00Z\"} {}"));
		deleteItem("/other", 0);

		CliRun bank = this.session.run("verify", "/bank");
		CliRun whole = this.session.run("verify");

		assertThat(bank.exitCode()).as(bank.toString()).isZero();
		assertThat(bank.out()).contains("Verified /bank: 3 streams").contains("clean");
		assertThat(whole.exitCode()).as(whole.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(whole.out()).contains("/other@0");
	}

	@Test
	void aSubtreeVerifyChecksThatItsTopIsAnnouncedInItsParent() {
		buildBank();
		putItem("/lone", 0, MetaEvents.streamStarted(Instant.now()).toStored());

		CliRun verified = this.session.run("verify", "/lone");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out()).contains("unannounced").contains("no $stream.ChildStreamCreated for it in /");
	}

	@Test
	void aSubtreeVerifyDoesNotJudgeTheSiblingsAnnouncedBesideItsTop() {
		buildBank();
		deleteItem("/bank/b", 0);

		CliRun verified = this.session.run("verify", "/bank/a");

		assertThat(verified.exitCode()).as(verified.toString()).isZero();
		assertThat(verified.out()).contains("Verified /bank/a: 1 stream, 4 entries").contains("clean");
	}

	@Test
	void jsonGivesOneDocumentPerDamageAndASummary() {
		buildBank();
		deleteItem("/bank/a", 2);

		CliRun verified = this.session.run("verify", "--json");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(VerifyCommand.DAMAGED);
		assertThat(verified.out().lines().toList()).containsExactly(
				"{\"damage\":\"gap\",\"at\":\"/bank/a@2\",\"detail\":\"@2 missing (after @1, before @3; head @3)\"}",
				"{\"summary\":{\"clean\":false,\"streams\":4,\"entries\":9,\"kinds\":{\"1\":7,\"3\":2},"
						+ "\"encryptedNotChecked\":0,\"creationsInProgress\":0,\"damage\":1}}");
	}

	@Test
	void aSubtreeWithNoStreamIsAFailureNamingIt() {
		buildBank();

		CliRun verified = this.session.run("verify", "/nowhere");

		assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(1);
		assertThat(verified.err()).contains("no stream /nowhere in table " + this.session.eventsTable());
	}

	@Test
	void aMissingTableIsAFailureNamingIt() {
		try (CliSession withoutTables = new CliSession("cli_verify_none")) {
			CliRun verified = withoutTables.run("verify");

			assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(1);
			assertThat(verified.err()).contains(withoutTables.eventsTable());
		}
	}

	// The bank tree with three deposits in /bank/a: 7 meta entries and 3 data entries.
	private void buildBank() {
		DynamoDbEventLog eventLog = this.session.eventLog();
		BankTree.create(eventLog);
		for (int deposit = 1; deposit <= 3; deposit++) {
			eventLog.append(BankTree.ACCOUNT_A,
					data("{\"_\":\"Deposited\",\"t\":\"2026-01-01T00:00:00Z\"} {\"amount\":" + deposit + "}"));
		}
	}

	// The creation's first put (the pending @0) goes through; every call after it fails, as
	// if the process died there.
	private void abandonCreationAfterItsMarker(String stream) {
		AtomicBoolean markerPut = new AtomicBoolean();
		EventHorizonCli crashingAfterTheMarker = new EventHorizonCli(List.of(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (markerPut.get()) {
					throw new IllegalStateException("The process died");
				}
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof PutItemRequest put && put.item().containsKey("p")) {
					markerPut.set(true);
				}
			}

		}));
		CliRun created = this.session.run(crashingAfterTheMarker, "create", stream);
		assertThat(created.exitCode()).as(created.toString()).isEqualTo(1);
	}

	private static LogData data(String line) {
		return LogData.ofLines(LogDataKind.DATA, List.of(line));
	}

	private static byte[] kindAndText(int kind, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] stored = new byte[payload.length + 1];
		stored[0] = (byte) kind;
		System.arraycopy(payload, 0, stored, 1, payload.length);
		return stored;
	}

	private void putItem(String stream, long version, byte[] stored) {
		this.session.client()
			.putItem((put) -> put.tableName(this.session.eventsTable())
				.item(Map.of("s", AttributeValue.fromS(stream), "v", AttributeValue.fromN(Long.toString(version)),
						"d", AttributeValue.fromB(SdkBytes.fromByteArray(stored)))));
	}

	private void deleteItem(String stream, long version) {
		this.session.client()
			.deleteItem((delete) -> delete.tableName(this.session.eventsTable())
				.key(Map.of("s", AttributeValue.fromS(stream), "v", AttributeValue.fromN(Long.toString(version)))));
	}

}
