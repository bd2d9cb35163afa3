package io.eventhorizon.sample;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank's calls the multi-instance tests make over and over.
 */
final class BankCalls {

	private BankCalls() {
	}

	static String openWith(HttpJson client, String owner, long balance) {
		String id = client.post("/accounts", "{\"owner\":\"" + owner + "\"}").json().path("id").asString();
		if (balance > 0) {
			assertThat(client.post("/accounts/" + id + "/deposits", "{\"amount\":" + balance + "}").status())
				.isEqualTo(200);
		}
		return id;
	}

	static String statusOf(HttpJson client, String transfer) {
		return client.get("/transfers/" + transfer).json().path("status").asString();
	}

	static long balanceOf(HttpJson client, String account) {
		return client.get("/accounts/" + account).json().path("balance").asLong();
	}

}
