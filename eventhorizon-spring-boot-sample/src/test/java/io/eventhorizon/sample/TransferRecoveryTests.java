package io.eventhorizon.sample;

import java.time.Duration;
import java.util.List;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.sample.AccountEvents.TransferCredited;
import io.eventhorizon.sample.AccountEvents.TransferDebited;
import io.eventhorizon.sample.HttpJson.Response;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.eventhorizon.sample.BankCalls.balanceOf;
import static io.eventhorizon.sample.BankCalls.openWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers are finished whatever happens to the instance that debited them: an instance
 * that dies between the debit and the transfer's record leaves the transfer to the other
 * instance's process, and an instance started afresh, whose process walks every account's
 * stream from the beginning, credits no old transfer again, even long after the credits'
 * keys left the accounts' idempotency windows (here three entries).
 */
class TransferRecoveryTests {

	private static final int IDEMPOTENCY_WINDOW = 3;

	private final BankInstances banks = new BankInstances(
			"--eventhorizon.append.idempotency-window=" + IDEMPOTENCY_WINDOW);

	@AfterEach
	void stopThem() {
		this.banks.close();
	}

	@Test
	void aDebitWhoseInstanceDiedBeforeRecordingTheTransferIsFinishedByTheOtherInstance() {
		this.banks.start(TransferRecordCrash.class).start();
		HttpJson dying = this.banks.client(0);
		HttpJson surviving = this.banks.client(1);
		String alice = openWith(dying, "alice", 100);
		String bob = openWith(dying, "bob", 0);
		// The survivor's process waits until the other instance has died, so that it is the
		// one that finds the debit with no transfer recorded.
		EventHorizonSynchronizer survivorsSynchronizer = this.banks.instance(1).getBean(EventHorizonSynchronizer.class);
		assertThat(survivorsSynchronizer.pause(TransferProcess.NAME)).isTrue();

		Response died = dying.postOnce("/transfers", "{\"from\":\"" + alice + "\",\"to\":\"" + bob + "\",\"amount\":30}",
				"orphan-1");
		assertThat(died.status()).as(died.body()).isGreaterThanOrEqualTo(500);
		assertThat(TransferRecordCrash.failedPuts.get()).isPositive();
		String transfer = debitsOf(alice).get(0).transferId();
		this.banks.instance(0).close();
		assertThat(surviving.get("/transfers/" + transfer).status()).isEqualTo(404);
		survivorsSynchronizer.resume(TransferProcess.NAME);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> surviving.get("/transfers/" + transfer).json().path("status").asString().equals("completed"));
		Response finished = surviving.get("/transfers/" + transfer);
		assertThat(finished.json().path("from").asString()).isEqualTo(alice);
		assertThat(finished.json().path("to").asString()).isEqualTo(bob);
		assertThat(finished.json().path("amount").asLong()).isEqualTo(30);
		assertThat(balanceOf(surviving, alice)).isEqualTo(70);
		assertThat(balanceOf(surviving, bob)).isEqualTo(30);
		assertThat(creditsOf(bob)).extracting(TransferCredited::transferId).containsExactly(transfer);
	}

	@Test
	void anInstanceStartedAfreshWalksEveryOldDebitAndCreditsNothingAgain() {
		this.banks.start();
		HttpJson first = this.banks.client(0);
		String alice = openWith(first, "alice", 100);
		String bob = openWith(first, "bob", 0);
		List<String> transfers = List.of(transferOf(first, alice, bob, 10), transferOf(first, alice, bob, 20));
		for (String transfer : transfers) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> first.get("/transfers/" + transfer).json().path("status").asString().equals("completed"));
		}
		// Bob's credits leave his idempotency window: only the transfers' outcomes remember them.
		for (int i = 0; i < IDEMPOTENCY_WINDOW + 1; i++) {
			assertThat(first.post("/accounts/" + bob + "/deposits", "{\"amount\":1}").status()).isEqualTo(200);
		}
		this.banks.instance(0).close();

		this.banks.start();
		HttpJson restarted = this.banks.client(1);
		this.banks.instance(1).getBean(EventProcessorRegistry.class).treeByName(TransferProcess.NAME).orElseThrow()
			.reader().loadUntilRealtime();

		assertThat(creditsOf(bob)).extracting(TransferCredited::transferId).containsExactlyElementsOf(transfers);
		assertThat(balanceOf(restarted, bob)).isEqualTo(30 + IDEMPOTENCY_WINDOW + 1);
		assertThat(balanceOf(restarted, alice)).isEqualTo(70);
	}

	private List<TransferDebited> debitsOf(String account) {
		return eventsOf(account, TransferDebited.class);
	}

	private List<TransferCredited> creditsOf(String account) {
		return eventsOf(account, TransferCredited.class);
	}

	private <E> List<E> eventsOf(String account, Class<E> eventClass) {
		ConfigurableApplicationContext instance = this.banks.instance(1);
		return StreamContents
			.payloads(instance.getBean(EventLog.class), instance.getBean(EventLineCodec.class),
					StreamName.of("/bank/accounts/" + account))
			.stream()
			.filter(eventClass::isInstance)
			.map(eventClass::cast)
			.toList();
	}

	private static String transferOf(HttpJson client, String from, String to, long amount) {
		Response accepted = client.post("/transfers",
				"{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"amount\":" + amount + "}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().path("id").asString();
	}

}
