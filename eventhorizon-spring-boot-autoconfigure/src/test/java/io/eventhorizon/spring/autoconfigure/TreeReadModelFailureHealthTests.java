package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.health.EventHorizonHealthContributorAutoConfiguration;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model of a tree whose entry keeps failing, as the synchronizer polls it and health
 * shows it: DOWN naming the failing entry and its event type, the other streams going on,
 * UP again once the entry applies. One scenario per method.
 */
class TreeReadModelFailureHealthTests {

	private static final StreamName ACCOUNTS = StreamName.of("/bank/accounts");

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.of(Deposited.class));

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class,
				EventHorizonHealthContributorAutoConfiguration.class))
		.withBean(EventLog.class, () -> this.eventLog)
		.withBean("ledger", Ledger.class)
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=10ms",
				"eventhorizon.synchronizer.max-backoff=20ms");

	@Test
	void healthGoesDownNamingTheTreeTheFailingEntryAndItsEventType() {
		this.runner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			ledger.rejectAmount = 13;
			open("a1");
			deposit("a1", 13);
			EventHorizonHealthIndicator indicator = context.getBean(EventHorizonHealthIndicator.class);

			await().atMost(PATIENCE).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));

			Map<String, Object> details = ledgerDetails(indicator.health(true));
			assertThat(details).containsEntry("state", "FAILING").containsEntry("tree", "/bank/accounts");
			assertThat((String) details.get("lastError")).as("the failing entry, its event type and the cause")
				.contains("/bank/accounts/a1@1")
				.contains(Deposited.class.getName())
				.contains("rejected 13");
		});
	}

	@Test
	void theOtherStreamsOfTheTreeKeepMovingWhileItIsDown() {
		this.runner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			ledger.rejectAmount = 13;
			open("a1");
			open("a2");
			deposit("a1", 13);
			EventHorizonHealthIndicator indicator = context.getBean(EventHorizonHealthIndicator.class);
			await().atMost(PATIENCE).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));

			deposit("a2", 20);

			await().atMost(PATIENCE).until(() -> ledger.balances().equals(Map.of("a2", 20L)));
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void itIsUpAgainOnceTheEntryApplies() {
		this.runner.run((context) -> {
			Ledger ledger = context.getBean(Ledger.class);
			ledger.rejectAmount = 13;
			open("a1");
			deposit("a1", 13);
			deposit("a1", 1);
			EventHorizonHealthIndicator indicator = context.getBean(EventHorizonHealthIndicator.class);
			await().atMost(PATIENCE).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));

			ledger.rejectAmount = -1;

			await().atMost(PATIENCE).until(() -> indicator.health(true).getStatus().equals(Status.UP));
			assertThat(ledger.balances()).as("each entry applied once, in order").isEqualTo(Map.of("a1", 14L));
			assertThat(ledgerDetails(indicator.health(true))).containsEntry("state", "UP")
				.containsEntry("consecutiveFailures", 0);
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> ledgerDetails(Health health) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("processors")).get("ledger");
	}

	private void open(String account) {
		this.eventLog.createStream(ACCOUNTS.child(account));
	}

	private void deposit(String account, long amount) {
		this.eventLog.append(ACCOUNTS.child(account),
				CODEC.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.system(Instant.now())))));
	}

	/** Every account's balance; rejects deposits of one amount while told to. */
	@EventProcessor(tree = "/bank/accounts")
	static class Ledger implements ResettableState {

		private final Map<String, Long> balances = new ConcurrentHashMap<>();

		volatile long rejectAmount = -1;

		@EventHandler
		void on(Deposited deposited, StreamName account) {
			if (deposited.amount() == this.rejectAmount) {
				throw new IllegalStateException("rejected " + deposited.amount());
			}
			this.balances.merge(account.base(), deposited.amount(), Long::sum);
		}

		Map<String, Long> balances() {
			return Map.copyOf(this.balances);
		}

		@Override
		public void resetState() {
			this.balances.clear();
		}

	}

}
