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

	private static final StreamName BANK = StreamName.of("/bank");

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
		Cursor head = this.eventLog.head(BANK);

		Response refused = this.http.postOnce("/accounts/" + id + "/deposits", "{\"amount\":100}", "x".repeat(129));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.problemType()).endsWith("invalid-idempotency-key");
		assertThat(refused.json().path("detail").asString()).contains("129 characters, more than 128");
		assertThat(this.eventLog.head(BANK)).isEqualTo(head);
	}

	@Test
	void aWithdrawalBeyondTheBalanceIsAConflictAndWritesNothing() {
		String id = open("carol");
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":50}");
		Cursor head = this.eventLog.head(BANK);

		Response refused = this.http.post("/accounts/" + id + "/withdrawals", "{\"amount\":51}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.problemType()).endsWith("insufficient-funds");
		assertThat(this.eventLog.head(BANK)).isEqualTo(head);
		assertThat(balanceIn(this.http.get("/accounts/" + id))).isEqualTo(50);
	}

	@Test
	void transfersMoveMoneyOrAreRefused() {
		String from = open("dave");
		String to = open("erin");
		this.http.post("/accounts/" + from + "/deposits", "{\"amount\":100}");

		Response moved = this.http.post("/transfers", transfer(from, to, 25));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(balanceIn(moved)).isEqualTo(75);
		assertThat(balanceIn(this.http.get("/accounts/" + to))).isEqualTo(25);

		assertThat(this.http.post("/transfers", transfer(from, to, 76)).problemType()).endsWith("insufficient-funds");
		assertThat(this.http.post("/transfers", transfer(from, "acc-nobody", 1)).status()).isEqualTo(404);
		assertThat(this.http.post("/transfers", transfer("acc-nobody", to, 1)).status()).isEqualTo(404);
		assertThat(this.http.post("/transfers", transfer(from, from, 1)).status()).isEqualTo(400);
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
		Cursor head = this.eventLog.head(BANK);

		Response refused = this.http.post("/accounts/" + id + "/deposits", body);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(this.eventLog.head(BANK)).isEqualTo(head);
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

		assertThat(lastEvent().meta().userId()).contains("u-42");
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":7}");
		assertThat(lastEvent().meta().isSystem()).isTrue();
	}

	@Test
	void exhaustedRetriesAreServiceUnavailableWithRetryAfter() {
		ResponseEntity<ProblemDetail> answer = new BankProblems().concurrencyConflict(new TransactWriteExhaustedException(4,
				new OptimisticLockingException(BANK.at(1), BANK.at(2))));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(answer.getBody().getType().toString()).endsWith("concurrency-conflict");
	}

	@Test
	void theAccountsReadModelIsSnapshotted() {
		this.http.post("/accounts/" + open("hugo") + "/deposits", "{\"amount\":1}");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.snapshots.read(BANK, SnapshotPerspective.v1("bank-accounts")).isPresent());
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
		assertThat(health.json().path("components").path("eventHorizon").path("details").path("processors")
			.path("accounts").path("stream").asString()).isEqualTo("/bank");
		assertThat(this.http.get("/actuator/metrics/eventhorizon.sync.lag").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").body()).contains("eventhorizon_entries_processed_total")
			.contains("processor=\"accounts\"");
		Response endpoint = this.http.get("/actuator/eventhorizon");
		assertThat(endpoint.status()).isEqualTo(200);
		assertThat(endpoint.json().path("accounts").path("snapshotPerspective").asString())
			.isEqualTo("bank-accounts:v1");
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

	private Event lastEvent() {
		Cursor head = this.eventLog.head(BANK);
		ReadResult page = this.eventLog.read(BANK.at(head.version() - 1));
		List<Event> events = this.codec.decode(page.entries().get(0)).events();
		return events.get(events.size() - 1);
	}

}
