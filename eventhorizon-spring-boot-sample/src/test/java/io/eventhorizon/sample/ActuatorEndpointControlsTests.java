package io.eventhorizon.sample;

import java.time.Duration;

import io.eventhorizon.sample.HttpJson.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code management.endpoint.eventhorizon.access=unrestricted}, operators control the
 * processors over HTTP; a rebuild is answered as started and followed through the reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.eventhorizon.access=unrestricted")
class ActuatorEndpointControlsTests {

	@LocalServerPort
	private int port;

	private HttpJson http;

	@BeforeEach
	void client() {
		this.http = new HttpJson(this.port);
	}

	@Test
	void operatorsCanRebuildTheAccountsWhileTheBankServes() {
		Response opened = this.http.post("/accounts", "{\"owner\":\"judy\"}");
		String id = opened.json().path("id").asString();
		this.http.post("/accounts/" + id + "/deposits", "{\"amount\":40}");

		Response started = this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"rebuild-from-beginning\"}");

		assertThat(started.status()).isEqualTo(200);
		assertThat(started.json().path("rebuild").path("state").asString()).isIn("RUNNING", "COMPLETED");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.http.get("/actuator/eventhorizon/accounts")
				.json()
				.path("rebuild")
				.path("state")
				.asString()
				.equals("COMPLETED"));
		assertThat(this.http.get("/accounts/" + id).json().path("balance").asLong()).isEqualTo(40);
	}

	@Test
	void operatorsCanPauseAndResumeAProcessor() {
		Response paused = this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"pause\"}");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.json().path("paused").asBoolean()).isTrue();

		Response resumed = this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"resume\"}");
		assertThat(resumed.json().path("paused").asBoolean()).isFalse();
	}

	@Test
	void anUnknownActionIsABadRequest() {
		assertThat(this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"explode\"}").status())
			.isEqualTo(400);
	}

}
