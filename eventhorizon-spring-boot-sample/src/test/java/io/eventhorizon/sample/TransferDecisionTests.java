package io.eventhorizon.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.HttpJson.Response;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.eventhorizon.sample.BankCalls.balanceOf;
import static io.eventhorizon.sample.BankCalls.openWith;
import static io.eventhorizon.sample.BankCalls.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transfer's fate is decided once: every debit ends credited to its target or refunded to
 * its source, never both and never neither, whoever races it (a second request with the
 * same key from another account, a target account that comes into existence while the
 * process is between its writes).
 */
class TransferDecisionTests {

	private final BankInstances banks = new BankInstances();

	@AfterEach
	void stopThem() {
		this.banks.close();
	}

	@Test
	void aTransferKeyReusedFromAnotherAccountOnTheOtherInstanceDebitsNothingThatIsNotCreditedOrRefunded() {
		this.banks.start().start();
		HttpJson first = this.banks.client(0);
		HttpJson second = this.banks.client(1);
		String alice = openWith(first, "alice", 100);
		String carol = openWith(first, "carol", 100);
		String bob = openWith(first, "bob", 0);
		Response alices = first.postOnce("/transfers", transfer(alice, bob, 30), "rent-march");
		assertThat(alices.status()).as(alices.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> !statusOf(first, idOf(alices)).equals("pending"));

		Response carols = second.postOnce("/transfers", transfer(carol, bob, 30), "rent-march");

		assertThat(carols.status()).as(carols.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(balanceOf(second, alice) + balanceOf(second, carol) + balanceOf(second, bob))
				.as("money in the bank").isEqualTo(200));
		assertThat(carols.json().path("from").asString()).isEqualTo(carol);
		await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(second, idOf(carols)).equals("completed"));
		assertThat(balanceOf(second, bob)).isEqualTo(60);
	}

	@Test
	void aTargetOpenedAfterTheRefundBeforeTheOutcomeIsRecordedIsNotCreditedToo() throws Exception {
		this.banks.start(RefundOutcomeCrash.class);
		HttpJson bank = this.banks.client(0);
		String alice = openWith(bank, "alice", 100);
		// An account's id comes from the key it was opened with: anyone knowing the key knows it.
		String notYetOpened = accountIdOpenedWith("dave-1");
		Response accepted = bank.post("/transfers", transfer(alice, notYetOpened, 30));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(RefundOutcomeCrash.reached.await(20, TimeUnit.SECONDS)).isTrue();

		Response opened = bank.postOnce("/accounts", "{\"owner\":\"dave\"}", "dave-1");
		assertThat(opened.json().path("id").asString()).isEqualTo(notYetOpened);
		RefundOutcomeCrash.resumes.countDown();

		await().atMost(Duration.ofSeconds(20)).until(() -> !statusOf(bank, idOf(accepted)).equals("pending"));
		assertThat(statusOf(bank, idOf(accepted))).isEqualTo("refunded");
		assertThat(balanceOf(bank, alice)).isEqualTo(100);
		assertThat(balanceOf(bank, notYetOpened)).isZero();
		assertThat(creditsOf(notYetOpened)).isEmpty();
	}

	private List<TransferCredited> creditsOf(String account) {
		ConfigurableApplicationContext instance = this.banks.instance(0);
		return StreamContents
			.payloads(instance.getBean(EventLog.class), instance.getBean(EventLineCodec.class),
					StreamName.of("/bank/accounts/" + account))
			.stream()
			.filter(TransferCredited.class::isInstance)
			.map(TransferCredited.class::cast)
			.toList();
	}

	private static String accountIdOpenedWith(String key) {
		return "acc-" + UUID.nameUUIDFromBytes(("acc-" + key).getBytes(StandardCharsets.UTF_8))
			.toString()
			.replace("-", "")
			.substring(0, 16);
	}

	private static String idOf(Response transfer) {
		return transfer.json().path("id").asString();
	}

	private static String transfer(String from, String to, long amount) {
		return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}";
	}

}
