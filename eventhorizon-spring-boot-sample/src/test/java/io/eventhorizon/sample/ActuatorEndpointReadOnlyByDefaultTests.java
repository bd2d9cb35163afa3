package io.eventhorizon.sample;

import io.eventhorizon.sample.HttpJson.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exposing {@code /actuator/eventhorizon} over HTTP shows the processors; it does not let
 * anyone who reaches the port pause or rebuild them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorEndpointReadOnlyByDefaultTests {

	@LocalServerPort
	private int port;

	private HttpJson http;

	@BeforeEach
	void client() {
		this.http = new HttpJson(this.port);
	}

	@Test
	void theProcessorsCanBeRead() {
		Response accounts = this.http.get("/actuator/eventhorizon/accounts");

		assertThat(accounts.status()).isEqualTo(200);
		assertThat(accounts.json().path("stream").asString()).isEqualTo("/bank");
	}

	@Test
	void controllingAProcessorIsRefused() {
		for (String action : new String[] { "pause", "resume", "sync", "rebuild", "rebuild-from-beginning" }) {
			Response refused = this.http.post("/actuator/eventhorizon/accounts", "{\"action\":\"" + action + "\"}");

			assertThat(refused.status()).as(action).isEqualTo(405);
		}
		Response accounts = this.http.get("/actuator/eventhorizon/accounts");
		assertThat(accounts.json().path("paused").asBoolean()).isFalse();
		assertThat(accounts.json().path("rebuild").isNull()).isTrue();
	}

}
