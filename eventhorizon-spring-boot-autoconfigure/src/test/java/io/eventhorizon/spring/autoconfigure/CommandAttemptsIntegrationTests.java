package io.eventhorizon.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Receipt;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.StreamContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TransactionalAppend} commands on two instances sharing DynamoDB tables (dynalite):
 * an attempt is written whole or not at all, and a command with an idempotency key is
 * applied once, whichever instance runs it, at once or later, before or after a restart.
 */
class CommandAttemptsIntegrationTests {

	private static final StreamName BANK = StreamName.of("/bank");

	private final String tables = DynamoDbTestServer.uniqueTableName("commands");

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startTwoInstances() {
		this.first = start();
		this.second = start();
	}

	@AfterEach
	void stopThem() {
		this.clients.shutdownNow();
		this.first.close();
		this.second.close();
	}

	@Test
	void aCommandWhoseSecondAppendLosesTheRaceIsWrittenOnceAsOneEntry() {
		Bank rival = this.second.getBean(Bank.class);

		this.first.getBean(Bank.class)
			.depositTwiceAroundARival("a1", 10, () -> await(this.clients.submit(() -> rival.deposit("a1", 1))));

		assertThat(entriesAfterStart()).containsExactly(List.of(new Deposited("a1", 1)),
				List.of(new Deposited("a1", 10), new Deposited("a1", 10)));
		assertThat(this.first.getBean(Accounts.class).balance("a1")).isEqualTo(21);
	}

	@Test
	void aRepeatOnTheOtherInstanceOrAfterARestartReturnsTheFirstReceiptAndWritesNothing() {
		Receipt first = this.first.getBean(Bank.class).depositOnce("a1", 100, "deposit-1", () -> {
		});
		this.second.getBean(Bank.class).deposit("a1", 5);

		Receipt onTheOther = this.second.getBean(Bank.class).depositOnce("a1", 100, "deposit-1", () -> {
		});
		this.first.close();
		this.first = start();
		Receipt afterRestart = this.first.getBean(Bank.class).depositOnce("a1", 100, "deposit-1", () -> {
		});

		assertThat(first.balance()).isEqualTo(100);
		assertThat(onTheOther).isEqualTo(first);
		assertThat(afterRestart).isEqualTo(first);
		assertThat(entriesAfterStart()).hasSize(2);
		assertThat(this.first.getBean(Accounts.class).balance("a1")).isEqualTo(105);
	}

	@Test
	void bothInstancesRunningOneKeyAtOnceApplyItOnceAndAnswerAlike() throws Exception {
		CyclicBarrier bothValidated = new CyclicBarrier(2);
		List<Future<Receipt>> receipts = new ArrayList<>();
		for (ConfigurableApplicationContext instance : List.of(this.first, this.second)) {
			Bank bank = instance.getBean(Bank.class);
			receipts.add(this.clients.submit(() -> bank.depositOnce("a1", 100, "deposit-2", () -> await(bothValidated))));
		}

		Receipt one = receipts.get(0).get(30, TimeUnit.SECONDS);
		Receipt other = receipts.get(1).get(30, TimeUnit.SECONDS);

		assertThat(one).isEqualTo(other);
		assertThat(entriesAfterStart()).hasSize(1);
	}

	@Test
	void aCommandWithoutAKeyRunsEachTime() {
		Bank bank = this.first.getBean(Bank.class);

		Receipt first = bank.depositOnce("a1", 100, null, () -> {
		});
		Receipt second = bank.depositOnce("a1", 100, null, () -> {
		});

		assertThat(second).isNotEqualTo(first);
		assertThat(entriesAfterStart()).hasSize(2);
	}

	private List<List<Object>> entriesAfterStart() {
		EventLineCodec codec = this.first.getBean(EventLineCodec.class);
		return StreamContents.entries(this.first.getBean(DynamoDbEventLog.class), BANK)
			.stream()
			.skip(1)
			.map((entry) -> codec.decode(entry).events().stream().map((event) -> event.payload()).toList())
			.toList();
	}

	private static <T> T await(Future<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConfigurableApplicationContext start() {
		return TwoInstancesIntegrationTests.BankApplication.startOnDynamoDb(this.tables,
				"eventhorizon.synchronizer.enabled=false");
	}

}
