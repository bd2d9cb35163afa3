package io.eventhorizon.sample;

import java.time.Duration;
import java.util.List;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.HttpJson.Response;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank's HTTP API on the embedded store: every endpoint, every error as a problem
 * detail, and never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BankApiTests {

	private static final StreamName ACCOUNTS = StreamName.of("/bank/accounts");

	@LocalServerPort
	private int port;

	@Autowired
	private EventLog eventLog;

	@Autowired
	private EventLineCodec codec;

	@Autowired
	private SnapshotStore snapshots;

	private HttpJson http;

	@BeforeEach
	void client() {
		this.http = new HttpJson(this.port);
	}

	@Test
	void openingAnAccountAnswersCreatedWithItsLocation() {
		Response opened = this.http.post("/accounts", "{\"owner\":\"alice\"}");

		assertThat(opened.status()).isEqualTo(201);
		String id = opened.json().path("id").asString();
		assertThat(id).startsWith("acc-");
		assertThat(opened.location()).isEqualTo("/accounts/" + id);
		assertThat(opened.json().path("owner").asString()).isEqualTo("alice");
		assertThat(opened.json().path("balance").asLong()).isZero();
		assertThat(this.http.get("/accounts/" + id).json()).isEqualTo(opened.json());
		assertThat(this.http.get("/accounts").json().valueStream().map((account) -> account.path("id").asString()))
			.contains(id);
	}

	@Test
	void theAccountListShowsEachAccountWithItsBalanceAndWhetherItIsClosed() {
		String kept = open("olga");
		String closed = open("pete");
		this.http.post("/accounts/" + kept + "/deposits", "{\"amount\":60}");
		awaitStatus(this.http.post("/transfers", transfer(kept, closed, 20)).json().path("id").asString(), "completed");
		this.http.post("/accounts/" + closed + "/withdrawals", "{\"amount\":20}");
		this.http.post("/accounts/" + closed + "/closure", "");

		List<JsonNode> listed = this.http.get("/accounts").json().valueStream()
			.filter((account) -> List.of(kept, closed).contains(account.path("id").asString()))
			.toList();

		assertThat(listed).hasSize(2);
		assertThat(listed).allSatisfy((account) -> assertThat(account)
			.isEqualTo(this.http.get("/accounts/" + account.path("id").asString()).json()));
		assertThat(listed.get(0).path("balance").asLong() + listed.get(1).path("balance").asLong()).isEqualTo(40);
		assertThat(listed).filteredOn((account) -> account.path("closed").asBoolean())
			.extracting((account) -> account.path("id").asString())
			.containsExactly(closed);
	}

	@Test
	void depositsAndWithdrawalsAnswerWithTheAccountAsWritten() {
		String id = open("bob");

		assertThat(balanceIn(this.http.post("/accounts/" + id + "/deposits", "{\"amount\":100}"))).isEqualTo(100);
		assertThat(balanceIn(this.http.post("/accounts/" + id + "/withdrawals", "{\"amount\":30}"))).isEqualTo(70);
		assertThat(balanceIn(this.http.get("/accounts/" + id))).isEqualTo(70);
	}

	@Test
	void aRequestSentAgainWithItsIdempotencyKeyIsAppliedOnceAndAnsweredAlike() {
		String id = open("frank");

		Response first = this.http.postOnce("/accounts/" + id + "/deposits", "{\"amount\":100}", "deposit-frank-1");
		Response again = this.http.postOnce("/accounts/" + id + "/deposits", "{\"amount\":100}", "deposit-frank-1");
		Response opened = this.http.postOnce("/accounts", "{\"owner\":\"ida\"}", "open-ida");
		Response openedAgain = this.http.postOnce("/accounts", "{\"owner\":\"ida\"}", "open-ida");

		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(first.json());
		assertThat(balanceIn(this.http.get("/accounts/" + id))).isEqualTo(100);
		assertThat(openedAgain.status()).isEqualTo(201);
		assertThat(openedAgain.location()).isEqualTo(opened.location());
		assertThat(this.http.get("/accounts").json().valueStream().filter((account) -> account.path("owner")
			.asString()
			.equals("ida"))).hasSize(1);
	}

	@Test
	void aBadIdempotencyKeyIsABadRequestAndWritesNothing() {
		String id = open("hank");
		Cursor head = this.eventLog.head(ACCOUNTS.child(id));

		Response refused = this.http.postOnce("/accounts/" + id + "/deposits", "{\"amount\":100}", "x".repeat(129));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.problemType()).endsWith("invalid-idempotency-key");
		assertThat(refused.json().path("detail").asString()).contains("129 characters, more than 128");
		assertThat(this.eventLog.head(ACCOUNTS.child(id))).isEqualTo(head);
	}

	@Test
	void aWithdrawalBeyondTheBalanceIsAConflictAndWritesNothing() {
		String id = open("carol");
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":50}");
		Cursor head = this.eventLog.head(ACCOUNTS.child(id));

		Response refused = this.http.post("/accounts/" + id + "/withdrawals", "{\"amount\":51}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.problemType()).endsWith("insufficient-funds");
		assertThat(this.eventLog.head(ACCOUNTS.child(id))).isEqualTo(head);
		assertThat(balanceIn(this.http.get("/accounts/" + id))).isEqualTo(50);
	}

	@Test
	void aTransferIsAcceptedAtOnceAndCompletedByTheProcess() {
		String from = open("dave");
		String to = open("erin");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");

		Response accepted = this.http.post("/transfers", transfer(from, to, 25));

		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().path("id").asString();
		assertThat(accepted.location()).isEqualTo("/transfers/" + id);
		assertThat(accepted.json().path("status").asString()).isEqualTo("pending");
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(75);
		awaitStatus(id, "completed");
		assertThat(balanceIn(this.http.get("/accounts/" + to))).isEqualTo(25);
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(75);
	}

	@Test
	void aTransferThatWouldOverdrawIsRefusedInTheAnswerAndWritesNothing() {
		String from = open("fred");
		String to = open("gail");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":10}");
		Cursor head = this.eventLog.head(ACCOUNTS.child(from));

		Response refused = this.http.post("/transfers", transfer(from, to, 11));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.problemType()).endsWith("insufficient-funds");
		assertThat(refused.location()).isNull();
		assertThat(this.eventLog.head(ACCOUNTS.child(from))).isEqualTo(head);
	}

	@Test
	void aTransferToAnUnknownAccountIsRefunded() {
		String from = open("hal");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");

		Response accepted = this.http.post("/transfers", transfer(from, "acc-nobody", 40));

		assertThat(accepted.status()).isEqualTo(202);
		awaitStatus(accepted.json().path("id").asString(), "refunded");
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(100);
	}

	@Test
	void aTransferToAClosedAccountIsRefunded() {
		String from = open("iris");
		String to = open("jack");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");
		Response closed = this.http.post("/accounts/" + to + "/closure", "");
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.json().path("closed").asBoolean()).isTrue();

		Response accepted = this.http.post("/transfers", transfer(from, to, 40));

		awaitStatus(accepted.json().path("id").asString(), "refunded");
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(100);
		assertThat(balanceIn(this.http.get("/accounts/" + to))).isZero();
	}

	@Test
	void aTransferSentAgainWithItsIdempotencyKeyDebitsOnceAndAnswersTheSameTransfer() {
		String from = open("kate");
		String to = open("liam");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");

		Response first = this.http.postOnce("/transfers", transfer(from, to, 30), "transfer-kate-1");
		Response again = this.http.postOnce("/transfers", transfer(from, to, 30), "transfer-kate-1");

		assertThat(again.status()).isEqualTo(202);
		assertThat(again.location()).isEqualTo(first.location());
		awaitStatus(first.json().path("id").asString(), "completed");
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(70);
		assertThat(balanceIn(this.http.get("/accounts/" + to))).isEqualTo(30);
	}

	@Test
	void badTransfersAreRefusedInTheAnswer() {
		String from = open("mia");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");

		assertThat(this.http.post("/transfers", transfer("acc-nobody", from, 1)).status()).isEqualTo(404);
		assertThat(this.http.post("/transfers", transfer(from, from, 1)).status()).isEqualTo(400);
		assertThat(this.http.post("/transfers", "{\"from\":\"" + from + "\",\"amount\":1}").status()).isEqualTo(400);
		assertThat(this.http.get("/transfers/tr-nobody").problemType()).endsWith("transfer-not-found");
		assertThat(balanceIn(this.http.get("/accounts/" + from))).isEqualTo(100);
	}

	@Test
	void aClosedAccountTakesNoMoreMoneyAndOnlyAnEmptyOneCloses() {
		String id = open("nina");
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":5}");

		Response notEmpty = this.http.post("/accounts/" + id + "/closure", "");
		assertThat(notEmpty.status()).isEqualTo(409);
		assertThat(notEmpty.problemType()).endsWith("account-not-empty");

		this.http.post("/accounts/" + id + "/withdrawals", "{\"amount\":5}");
		assertThat(this.http.post("/accounts/" + id + "/closure", "").status()).isEqualTo(200);
		Response refused = this.http.post("/accounts/" + id + "/deposits", "{\"amount\":1}");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.problemType()).endsWith("account-closed");
		assertThat(this.http.get("/accounts/" + id).json().path("closed").asBoolean()).isTrue();
	}

	@Test
	void unknownAccountsAreNotFound() {
		Response missing = this.http.get("/accounts/acc-nobody");

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.problemType()).endsWith("account-not-found");
		assertThat(missing.json().path("detail").asString()).contains("acc-nobody");
		assertThat(this.http.post("/accounts/acc-nobody/deposits", "{\"amount\":1}").status()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{}", "{\"amount\":null}", "{\"amount\":0}", "{\"amount\":-5}", "{\"amount\":10.5}",
			"{\"amount\":\"10\"}", "{\"amount\":true}", "{\"amount\":1e3}", "{\"amount\":1000000001}",
			"{\"amount\":123456789012345678901234567890}", "[1]", "\"amount\"", "{\"amount\":", "not json", "" })
	void badAmountsAndBodiesAreBadRequestsThatWriteNothing(String body) {
		String id = open("frank");
		Cursor head = this.eventLog.head(ACCOUNTS.child(id));

		Response refused = this.http.post("/accounts/" + id + "/deposits", body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(this.eventLog.head(ACCOUNTS.child(id))).isEqualTo(head);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{}", "{\"owner\":\"  \"}", "{\"owner\":5}", "{\"owner\":[\"x\"]}", "{\"owner\":" })
	void badOwnersAreBadRequests(String body) {
		Response refused = this.http.post("/accounts", body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aHugeBodyIsRefusedWith413NotA500() {
		Response refused = this.http.post("/accounts", "{\"owner\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");

		assertThat(refused.status()).isEqualTo(413);
		assertThat(refused.problemType()).endsWith("body-too-large");
	}

	@Test
	void anOwnerTooLongIsABadRequest() {
		assertThat(this.http.post("/accounts", "{\"owner\":\"" + "x".repeat(101) + "\"}").status()).isEqualTo(400);
	}

	@Test
	void theUserIdHeaderBecomesTheEventsUser() {
		String id = open("gina");

		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":7}", "u-42");

		assertThat(lastEvent(id).meta().userId()).contains("u-42");
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":7}");
		assertThat(lastEvent(id).meta().isSystem()).isTrue();
	}

	@Test
	void exhaustedRetriesAreServiceUnavailableWithRetryAfter() {
		ResponseEntity<ProblemDetail> answer = new BankProblems().concurrencyConflict(new TransactWriteExhaustedException(4,
				new OptimisticLockingException(ACCOUNTS.at(1), ACCOUNTS.at(2))));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(answer.getBody().getType().toString()).endsWith("concurrency-conflict");
	}

	@Test
	void theAccountDirectoryIsSnapshotted() {
		this.http.post("/accounts/" + open("hugo") + "/deposits", "{\"amount\":1}");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.snapshots.read(ACCOUNTS, SnapshotPerspective.parse("bank-accounts:v3")).isPresent());
	}

	@Test
	void actuatorHealthIsUp() {
		Response health = this.http.get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
	}

	@Test
	void operatorsSeeTheProcessorInHealthMetricsPrometheusAndTheEndpoint() {
		this.http.post("/accounts/" + open("ivan") + "/deposits", "{\"amount\":1}");

		Response health = this.http.get("/actuator/health");
		JsonNode processors = health.json().path("components").path("eventHorizon").path("details").path("processors");
		assertThat(processors.path("accounts").path("tree").asString()).isEqualTo("/bank/accounts");
		assertThat(processors.path("transfers").path("tree").asString()).isEqualTo("/bank/accounts");
		assertThat(this.http.get("/actuator/metrics/eventhorizon.sync.lag").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").body()).contains("eventhorizon_entries_processed_total")
			.contains("processor=\"accounts\"");
		Response endpoint = this.http.get("/actuator/eventhorizon");
		assertThat(endpoint.status()).isEqualTo(200);
		assertThat(endpoint.json().path("accounts").path("snapshotPerspective").asString())
			.isEqualTo("bank-accounts:v3");
	}

	@Test
	void exposingTheEventHorizonEndpointDoesNotLetCallersControlTheProcessors() {
		for (String action : new String[] { "pause", "resume", "sync", "rebuild", "rebuild-from-beginning" }) {
			Response refused = this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"" + action + "\"}");

			assertThat(refused.status()).as(action).isEqualTo(405);
		}
		Response accounts = this.http.get("/actuator/eventhorizon/accounts");
		assertThat(accounts.status()).isEqualTo(200);
		assertThat(accounts.json().path("paused").asBoolean()).isFalse();
		assertThat(accounts.json().path("rebuild").isNull()).isTrue();
	}

	private String open(String owner) {
		Response opened = this.http.post("/accounts", "{\"owner\":\"" + owner + "\"}");
		assertThat(opened.status()).isEqualTo(201);
		return opened.json().path("id").asString();
	}

	private static long balanceIn(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().path("balance").asLong();
	}

	private static String transfer(String from, String to, long amount) {
		return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
	}

	private void awaitStatus(String transferId, String status) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get("/transfers/" + transferId).json().path("status").asString().equals(status));
	}

	private Event lastEvent(String accountId) {
		StreamName account = ACCOUNTS.child(accountId);
		Cursor head = this.eventLog.head(account);
		ReadResult page = this.eventLog.read(account.at(head.version() - 1));
		List<Event> events = this.codec.decode(page.entries().get(0)).events();
		return events.get(events.size() - 1);
	}

}
