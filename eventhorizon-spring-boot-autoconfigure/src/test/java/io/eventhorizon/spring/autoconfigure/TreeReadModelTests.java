package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.SnapshotState;
import io.eventhorizon.spring.TreeProcessorRegistration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.autoconfigure.endpoint.EventHorizonEndpointAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.health.EventHorizonHealthContributorAutoConfiguration;
import io.eventhorizon.spring.autoconfigure.metrics.EventHorizonMetricsAutoConfiguration;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint;
import io.eventhorizon.spring.endpoint.EventHorizonEndpoint.ProcessorDescriptor;
import io.eventhorizon.spring.endpoint.RebuildStatus;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model of a tree ({@code @EventProcessor(tree = ...)}) in memory: registered with
 * its TreeReader, polled by the synchronizer, shown by health, metrics and the endpoint,
 * rebuilt and restarted from its snapshot. One scenario per method.
 */
class TreeReadModelTests {

	private static final StreamName ACCOUNTS = StreamName.of("/bank/accounts");

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.of(Deposited.class));

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class,
				EventHorizonHealthContributorAutoConfiguration.class, EventHorizonMetricsAutoConfiguration.class,
				EventHorizonEndpointAutoConfiguration.class))
		.withBean(EventLog.class, () -> this.eventLog)
		.withBean(SimpleMeterRegistry.class)
		.withBean("accountList", AccountList.class)
		.withPropertyValues("eventhorizon.synchronizer.enabled=false",
				"management.endpoints.web.exposure.include=eventhorizon");

	@Test
	void aReadModelOfATreeIsRegisteredWithItsTreeNotAsAStreamProcessor() {
		this.runner.run((context) -> {
			EventProcessorRegistry registry = context.getBean(EventProcessorRegistry.class);

			assertThat(registry.trees()).extracting(TreeProcessorRegistration::name).containsExactly("accountList");
			assertThat(registry.treeByName("accountList").orElseThrow().tree()).isEqualTo(ACCOUNTS);
			assertThat(registry.all()).isEmpty();
			assertThat(this.eventLog.head(ACCOUNTS)).as("the tree is created at startup").isEqualTo(ACCOUNTS.at(0));
		});
	}

	@Test
	void theTreeIsResolvedFromPlaceholders() {
		this.runner.withPropertyValues("bank.accounts=/branch-7/accounts").run((context) -> {
			assertThat(tree(context).tree()).isEqualTo(StreamName.of("/branch-7/accounts"));
		});
	}

	@Test
	void itsHandlersGetEachEntrysStreamAndCursorEveryStreamInItsOrder() {
		this.runner.run((context) -> {
			open("a1");
			open("a2");
			deposit("a1", 10);
			deposit("a2", 20);
			deposit("a1", 30);

			tree(context).reader().loadUntilRealtime();

			AccountList list = context.getBean(AccountList.class);
			assertThat(list.applied).containsExactlyInAnyOrder("/bank/accounts/a1@1 10", "/bank/accounts/a1@2 30",
					"/bank/accounts/a2@1 20");
			assertThat(list.applied.stream().filter((line) -> line.contains("/a1@")))
				.containsExactly("/bank/accounts/a1@1 10", "/bank/accounts/a1@2 30");
			assertThat(list.balances()).containsExactlyInAnyOrderEntriesOf(Map.of("a1", 40L, "a2", 20L));
		});
	}

	@Test
	void closingTheApplicationEndsTheThreadsItsReaderReadWith() throws InterruptedException {
		List<Thread> readThreads = new CopyOnWriteArrayList<>();
		this.runner.withPropertyValues("eventhorizon.trees.read-concurrency=4").run((context) -> {
			for (int account = 1; account <= 8; account++) {
				open("a" + account);
			}
			tree(context).reader().loadUntilRealtime();
			Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("eventhorizon-tree-reads-" + ACCOUNTS + "-"))
				.forEach(readThreads::add);
			assertThat(readThreads).as("threads that read the tree").isNotEmpty().hasSizeLessThanOrEqualTo(4);
		});
		for (Thread thread : readThreads) {
			thread.join(PATIENCE.toMillis());
			assertThat(thread.isAlive()).as("%s after the application closed", thread.getName()).isFalse();
		}
	}

	@Test
	void theSynchronizerPollsItAndItFollowsStreamsCreatedAfterTheStart() {
		this.runner.withPropertyValues("eventhorizon.synchronizer.enabled=true",
				"eventhorizon.synchronizer.poll-interval=20ms").run((context) -> {
					open("a1");
					deposit("a1", 10);
					AccountList list = context.getBean(AccountList.class);
					await().atMost(PATIENCE).until(() -> list.balances().equals(Map.of("a1", 10L)));

					open("a2");
					deposit("a2", 20);

					await().atMost(PATIENCE).until(() -> list.balances().equals(Map.of("a1", 10L, "a2", 20L)));
					assertThat(list.applied).hasSize(2);
				});
	}

	@Test
	void healthShowsItWithItsTree() {
		this.runner.run((context) -> {
			tree(context).reader().loadUntilRealtime();

			Health health = context.getBean(EventHorizonHealthIndicator.class).health(true);

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(processorDetails(health, "accountList")).containsEntry("state", "ON_DEMAND")
				.containsEntry("tree", "/bank/accounts");
		});
	}

	@Test
	void itsSyncLagIsMeasured() {
		this.runner.run((context) -> {
			open("a1");
			deposit("a1", 10);

			tree(context).reader().loadUntilRealtime();

			assertThat(context.getBean(MeterRegistry.class)
				.get("eventhorizon.sync.lag")
				.tag("processor", "accountList")
				.timer()
				.count()).as("a1's creation entry and its deposit").isEqualTo(2);
		});
	}

	@Test
	void theEndpointListsItAsATree() {
		this.runner.run((context) -> {
			ProcessorDescriptor descriptor = context.getBean(EventHorizonEndpoint.class).processors().get("accountList");

			assertThat(descriptor.stream()).isEqualTo("/bank/accounts");
			assertThat(descriptor.tree()).isTrue();
		});
	}

	@Test
	void theEndpointSweepsItsTree() {
		this.runner.run((context) -> {
			open("a1");
			deposit("a1", 10);

			ProcessorDescriptor descriptor = context.getBean(EventHorizonEndpoint.class).control("accountList", "sweep");

			assertThat(context.getBean(AccountList.class).balances()).isEqualTo(Map.of("a1", 10L));
			assertThat(descriptor.entriesProcessed()).isPositive();
		});
	}

	@Test
	void theEndpointRebuildsItFromTheBeginningApplyingEveryEntryOnceMore() {
		this.runner.run((context) -> {
			open("a1");
			deposit("a1", 10);
			deposit("a1", 5);
			tree(context).reader().loadUntilRealtime();
			AccountList list = context.getBean(AccountList.class);

			EventHorizonEndpoint endpoint = context.getBean(EventHorizonEndpoint.class);
			endpoint.control("accountList", "rebuild-from-beginning");
			await().atMost(PATIENCE)
				.until(() -> !endpoint.processor("accountList").rebuild().state().equals(RebuildStatus.RUNNING));

			assertThat(endpoint.processor("accountList").rebuild().state()).isEqualTo(RebuildStatus.COMPLETED);
			assertThat(list.applied).containsExactly("/bank/accounts/a1@1 10", "/bank/accounts/a1@2 5");
			assertThat(list.balances()).isEqualTo(Map.of("a1", 15L));
		});
	}

	@Test
	void aRestartFromItsSnapshotAppliesNothingTwiceAndMissesNothing() {
		SnapshotStore snapshots = new InMemorySnapshotStore();
		ApplicationContextRunner instance = this.runner.withBean(SnapshotStore.class, () -> snapshots)
			.withPropertyValues("eventhorizon.snapshots.min-interval=0s");
		instance.run((first) -> {
			open("a1");
			open("a2");
			deposit("a1", 10);
			deposit("a2", 20);
			tree(first).reader().loadUntilRealtime();
			await().atMost(PATIENCE).until(() -> tree(first).reader().stats().snapshotsStored() > 0);
		});
		deposit("a1", 30);
		instance.run((restarted) -> {
			tree(restarted).reader().loadUntilRealtime();

			AccountList list = restarted.getBean(AccountList.class);
			assertThat(list.applied).as("applied after the restart").containsExactly("/bank/accounts/a1@2 30");
			assertThat(list.balances()).isEqualTo(Map.of("a1", 40L, "a2", 20L));
		});
	}

	private static TreeProcessorRegistration tree(ApplicationContext context) {
		return context.getBean(EventProcessorRegistry.class).treeByName("accountList").orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> processorDetails(Health health, String processor) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("processors")).get(processor);
	}

	private void open(String account) {
		this.eventLog.createStream(ACCOUNTS.child(account));
	}

	private void deposit(String account, long amount) {
		this.eventLog.append(ACCOUNTS.child(account),
				CODEC.encode(List.of(Event.of(new Deposited(account, amount), EventMeta.system(Instant.now())))));
	}

	/**
	 * Every account's balance, kept in memory, and the entries applied since the start or
	 * the last reset. Snapshots hold the balances as {@code id=balance} lines.
	 */
	@EventProcessor(tree = "${bank.accounts:/bank/accounts}", snapshotPerspective = "account-list:v1")
	static class AccountList implements SnapshotState, ResettableState {

		private final Map<String, Long> balances = new ConcurrentHashMap<>();

		final List<String> applied = new CopyOnWriteArrayList<>();

		@EventHandler
		void on(Deposited deposited, StreamName account, Cursor entry) {
			this.balances.merge(account.base(), deposited.amount(), Long::sum);
			this.applied.add(entry + " " + deposited.amount());
		}

		Map<String, Long> balances() {
			return Map.copyOf(this.balances);
		}

		@Override
		public byte[] snapshotState() {
			return this.balances.entrySet()
				.stream()
				.map((balance) -> balance.getKey() + "=" + balance.getValue())
				.collect(Collectors.joining("\n"))
				.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void restoreState(byte[] data) {
			this.balances.clear();
			String text = new String(data, StandardCharsets.UTF_8);
			if (!text.isEmpty()) {
				for (String line : text.split("\n")) {
					String[] balance = line.split("=");
					this.balances.put(balance[0], Long.parseLong(balance[1]));
				}
			}
		}

		@Override
		public void resetState() {
			this.balances.clear();
			this.applied.clear();
		}

	}

}
