package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.dynamodb.DynamoDbListener;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import io.eventhorizon.dynamodb.DynamoDbTableNames;
import io.eventhorizon.dynamodb.DynamoDbTables;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.spring.AppendListener;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ProcessorRegistration;
import io.eventhorizon.spring.TransactionalCursorStore;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Accounts;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Bank;
import io.eventhorizon.spring.autoconfigure.BankFixtures.BankConfiguration;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import io.eventhorizon.spring.jdbc.JdbcCursorStore;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

class EventHorizonAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages.register(
				(org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
				BankFixtures.class.getPackageName()))
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=20ms");

	@Test
	void defaultsToTheInMemoryStoreWithNoConfiguration() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryEventLog.class)
				.hasSingleBean(InMemorySnapshotStore.class)
				.hasSingleBean(EventTypes.class)
				.hasSingleBean(EventLineCodec.class)
				.hasSingleBean(EventProcessorRegistry.class)
				.hasSingleBean(EventHorizonTemplate.class)
				.hasSingleBean(EventHorizonSynchronizer.class)
				.doesNotHaveBean(DynamoDbClient.class)
				.doesNotHaveBean(TransactionalCursorStore.class);
			assertThat(context.getBean(EventHorizonSynchronizer.class).isRunning()).isTrue();
		});
	}

	@Test
	void scansTheApplicationsPackagesForEventTypes() {
		this.runner.run((context) -> assertThat(context.getBean(EventTypes.class).names())
			.contains("account.Deposited", "account.Withdrawn", "$stream.Started"));
	}

	@Test
	void dynamoDbUsesTheApplicationsClientAndCallsNothingAtStartupWhenStreamsAreMadeElsewhere() {
		this.runner.withUserConfiguration(CountingDynamoDbClientConfiguration.class)
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.create-streams=false",
					"eventhorizon.dynamodb.events-table=my_events",
					"eventhorizon.dynamodb.snapshots-table=my_snapshots", "eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamoDbEventLog.class).hasSingleBean(DynamoDbSnapshotStore.class);
				assertThat(context.getBean(DynamoDbEventLog.class).tableName()).isEqualTo("my_events");
				assertThat(context.getBean(DynamoDbSnapshotStore.class).tableName()).isEqualTo("my_snapshots");
				assertThat(context).doesNotHaveBean(EventHorizonTablesInitializer.class);
				assertThat(context.getBean(CountingDynamoDbClientConfiguration.class).requests).hasValue(0);
			});
	}

	@Test
	void theApplicationsDynamoDbListenersHearEveryCallButAreLookedUpOnlyOnce() {
		onDynalite("listened").withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				DynamoDbEventLog log = context.getBean(DynamoDbEventLog.class);
				ListenerPerLookupConfiguration listeners = context.getBean(ListenerPerLookupConfiguration.class);
				int createdAtStartup = listeners.created.get();
				log.bootstrap();
				log.createStream(StreamName.of("/bank"));
				for (int i = 0; i < 5; i++) {
					log.append(StreamName.of("/bank"), context.getBean(EventLineCodec.class)
						.encode(List.of(Event.of(new Deposited("a1", i), EventMeta.system(java.time.Instant.EPOCH)))));
				}

				assertThat(listeners.units.get("PutItem")).as("write units of the five appends and more")
					.isGreaterThanOrEqualTo(5);
				assertThat(listeners.created).as("listeners created since the startup (one per lookup at least)")
					.hasValue(createdAtStartup);
			});
	}

	@Test
	void aTransactionalAppendOnDynamoDbReadsOnceAndWritesOnceAndTheProcessorHasItsWrite() {
		onDynalite("command").withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.create-streams=true", "eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				Bank bank = context.getBean(Bank.class);
				ListenerPerLookupConfiguration calls = context.getBean(ListenerPerLookupConfiguration.class);
				bank.deposit("a1", 10);
				calls.calls.clear();

				bank.deposit("a1", 5);

				assertThat(calls.calls).as("DynamoDB calls of one command").containsOnlyKeys("Query", "PutItem");
				assertThat(calls.calls.get("Query")).as("reads: what is new before validating").hasValue(1);
				assertThat(calls.calls.get("PutItem")).as("writes").hasValue(1);
				assertThat(context.getBean(Accounts.class).balance("a1")).as("read-your-writes").isEqualTo(15);
			});
	}

	@Test
	void anAppendOutsideACommandReachesTheProcessorsWithoutBeingReadBack() {
		onDynalite("outside").withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.create-streams=true", "eventhorizon.synchronizer.poll-interval=1h")
			.run((context) -> {
				Accounts accounts = context.getBean(Accounts.class);
				ListenerPerLookupConfiguration calls = context.getBean(ListenerPerLookupConfiguration.class);
				ProcessorRegistration registration = context.getBean(EventProcessorRegistry.class)
					.byName("accounts")
					.orElseThrow();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> StreamName.of("/bank").at(0).equals(registration.reader().stats().cursor()));
				calls.calls.clear();

				context.getBean(EventHorizonTemplate.class).append("/bank", new Deposited("a1", 7));

				await().atMost(Duration.ofSeconds(5)).until(() -> accounts.balance("a1") == 7);
				assertThat(calls.calls).as("DynamoDB calls of the append").containsOnlyKeys("Query", "PutItem");
				assertThat(calls.calls.get("Query")).as("reads: the head, not the entry again").hasValue(1);
			});
	}

	// The DynamoDB store on fresh tables of the tests' dynalite, with a listener that counts.
	private ApplicationContextRunner onDynalite(String tablePrefix) {
		String tables = DynamoDbTestServer.uniqueTableName(tablePrefix);
		try (DynamoDbClient client = DynamoDbTestServer.get().newClient()) {
			new DynamoDbTables(client, new DynamoDbTableNames(tables + "_events", tables + "_snapshots")).createMissing();
		}
		return this.runner.withUserConfiguration(DynaliteClientConfiguration.class, ListenerPerLookupConfiguration.class)
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.events-table=" + tables + "_events",
					"eventhorizon.dynamodb.snapshots-table=" + tables + "_snapshots");
	}

	@Test
	void dynamoDbStoreValuesBindLikeTheProperty() {
		this.runner.withUserConfiguration(CountingDynamoDbClientConfiguration.class)
			.withPropertyValues("eventhorizon.store=DYNAMODB", "eventhorizon.create-streams=false",
					"eventhorizon.synchronizer.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DynamoDbEventLog.class)
				.doesNotHaveBean(InMemoryEventLog.class));
	}

	@Test
	void dynamoDbCreatesAClientFromPropertiesWhenTheApplicationHasNone() {
		this.runner
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.region=eu-north-1",
					"eventhorizon.dynamodb.endpoint=http://127.0.0.1:9", "eventhorizon.create-streams=false",
					"eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(DynamoDbClient.class);
				assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().region())
					.isEqualTo(Region.EU_NORTH_1);
				assertThat(context).as("counts the attempts of Spring Cloud AWS's client too")
					.hasBean("eventHorizonDynamoDbClientCustomizer");
			});
	}

	@Test
	void dynamoDbWorksWithoutSpringCloudAws() {
		this.runner.withClassLoader(new FilteredClassLoader("io.awspring"))
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.region=eu-north-1",
					"eventhorizon.create-streams=false", "eventhorizon.synchronizer.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DynamoDbEventLog.class));
	}

	@Test
	void anUnknownStoreFailsTheStartupInsteadOfFallingBack() {
		this.runner.withPropertyValues("eventhorizon.store=cassandra")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cassandra"));
	}

	@Test
	void tablesAreCreatedOrCheckedOnlyWhenAskedFor() {
		this.runner.withUserConfiguration(CountingDynamoDbClientConfiguration.class)
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.dynamodb.verify-tables=true",
					"eventhorizon.synchronizer.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(java.net.ConnectException.class));
	}

	@Test
	void backsOffToTheApplicationsEventLogAndSnapshotStore() {
		this.runner.withUserConfiguration(OwnStoresConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventLog.class).hasSingleBean(SnapshotStore.class);
			assertThat(context.getBean(EventLog.class)).isSameAs(context.getBean(OwnStoresConfiguration.class).log);
		});
	}

	@Test
	void backsOffToTheApplicationsEventTypesAndCodec() {
		this.runner.withUserConfiguration(OwnCodecConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventTypes.class).hasSingleBean(EventLineCodec.class);
			assertThat(context.getBean(EventTypes.class).names()).doesNotContain("account.Deposited");
		});
	}

	@Test
	void backsOffToTheApplicationsTemplateRegistryAndSynchronizer() {
		this.runner.withUserConfiguration(OwnInfrastructureConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(EventHorizonTemplate.class)
				.hasSingleBean(EventProcessorRegistry.class)
				.hasSingleBean(EventHorizonSynchronizer.class);
			assertThat(context.getBean(EventHorizonTemplate.class))
				.isSameAs(context.getBean(OwnInfrastructureConfiguration.class).template);
		});
	}

	@Test
	void theCodecDoesNotTakeTheApplicationsJsonMapper() {
		this.runner.withBean(JsonMapper.class,
				() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE).build())
			.run((context) -> assertThat(context.getBean(EventLineCodec.class)
				.encodeLine(Event.of(new Deposited("a1", 5), EventMeta.system(java.time.Instant.EPOCH))))
				.endsWith(" {\"id\":\"a1\",\"amount\":5}"));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("eventhorizon.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventLog.class)
				.doesNotHaveBean(EventHorizonTemplate.class));
	}

	@Test
	void theSynchronizerCanBeSwitchedOff() {
		this.runner.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonSynchronizer.class)
				.hasSingleBean(EventHorizonTemplate.class));
	}

	@Test
	void processorsFollowTheirStreamAndTheSynchronizerKeepsThemCurrent() {
		this.runner.withUserConfiguration(BankConfiguration.class).run((context) -> {
			EventLog log = context.getBean(EventLog.class);
			EventLineCodec codec = context.getBean(EventLineCodec.class);

			log.append(StreamName.of("/bank"),
					codec.encode(List.of(Event.of(new Deposited("a1", 100), EventMeta.of(java.time.Instant.EPOCH, "ann")))));

			Accounts accounts = context.getBean(Accounts.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> accounts.balance("a1") == 100);
			assertThat(accounts.lastEntry).isEqualTo(StreamName.of("/bank").at(1));
			assertThat(accounts.lastUser).isEqualTo("ann");
		});
	}

	@Test
	void theProcessorsStreamNameMayComeFromAProperty() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("bank.stream=/t-42/bank")
			.run((context) -> assertThat(context.getBean(EventProcessorRegistry.class).byName("accounts"))
				.hasValueSatisfying((registration) -> assertThat(registration.stream())
					.isEqualTo(StreamName.of("/t-42/bank"))));
	}

	@Test
	void appendListenersHearEveryAppendButAreLookedUpOnlyOnce() {
		this.runner.withUserConfiguration(BankConfiguration.class, AppendListenerPerLookupConfiguration.class)
			.run((context) -> {
				AppendListenerPerLookupConfiguration listeners = context.getBean(AppendListenerPerLookupConfiguration.class);
				int createdAtStartup = listeners.created.get();
				Bank bank = context.getBean(Bank.class);
				for (int i = 0; i < 3; i++) {
					bank.deposit("a1", 10);
					context.getBean(EventHorizonTemplate.class).append("/bank", new Deposited("a2", 1));
				}

				assertThat(listeners.appends).as("appends heard").hasValue(6);
				assertThat(listeners.transactionalAppends).as("@TransactionalAppend calls heard").hasValue(3);
				assertThat(listeners.created).as("listeners created since the startup (one per lookup at least)")
					.hasValue(createdAtStartup);
			});
	}

	@Test
	void transactionalAppendReadsItsOwnWrite() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				Bank bank = context.getBean(Bank.class);

				bank.deposit("a1", 100);

				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(100);
				assertThat(bank.withdraw("a1", 30)).isEqualTo(100);
				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(70);
				assertThatIllegalStateException().isThrownBy(() -> bank.withdraw("a1", 71))
					.withMessage("insufficient funds in a1");
			});
	}

	@Test
	void transactionalAppendRunsTheMethodAgainAfterAConflict() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				Bank bank = context.getBean(Bank.class);
				EventHorizonTemplate events = context.getBean(EventHorizonTemplate.class);
				AtomicInteger rivals = new AtomicInteger();

				bank.depositAfterARival("a1", () -> {
					if (rivals.getAndIncrement() == 0) {
						events.eventLog().append(StreamName.of("/bank"), events.codec()
							.encode(List.of(Event.of(new Deposited("a1", 10), EventMeta.system(java.time.Instant.EPOCH)))));
					}
				});

				assertThat(bank.attempts()).isEqualTo(2);
				assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(11);
			});
	}

	@Test
	void transactionalAppendGivesUpAfterTheAnnotationsAttempts() {
		this.runner.withUserConfiguration(BankConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.enabled=false")
			.run((context) -> {
				Bank bank = context.getBean(Bank.class);
				EventHorizonTemplate events = context.getBean(EventHorizonTemplate.class);

				assertThatExceptionOfType(TransactWriteExhaustedException.class)
					.isThrownBy(() -> bank.depositAfterARival("a1",
							() -> events.eventLog().append(StreamName.of("/bank"), events.codec()
								.encode(List.of(Event.of(new Deposited("rival", 1), EventMeta.system(java.time.Instant.EPOCH)))))))
					.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(2));
				assertThat(bank.attempts()).isEqualTo(2);
				assertThat(context.getBean(Accounts.class).balance("a1")).isZero();
			});
	}

	@Test
	void waitForRealtimeOnStartupHoldsTheStartupUntilProcessorsAreCurrent() {
		this.runner.withUserConfiguration(BankConfiguration.class, PrefilledLogConfiguration.class)
			.withPropertyValues("eventhorizon.synchronizer.wait-for-realtime-on-startup=true",
					"eventhorizon.synchronizer.poll-interval=1h")
			.run((context) -> assertThat(context.getBean(Accounts.class).balance("a1")).isEqualTo(42));
	}

	@Test
	void backsOffToTheApplicationsDynamoDbTablesHelper() {
		this.runner.withUserConfiguration(CountingDynamoDbClientConfiguration.class)
			.withBean("myTables", DynamoDbTables.class,
					() -> new DynamoDbTables(DynamoDbClient.builder().region(Region.EU_WEST_1).build(),
							DynamoDbTableNames.defaults()))
			.withPropertyValues("eventhorizon.store=dynamodb", "eventhorizon.create-streams=false",
					"eventhorizon.synchronizer.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DynamoDbTables.class).hasBean("myTables"));
	}

	@Test
	void backsOffToTheApplicationsCursorStore() {
		this.runner.withConfiguration(AutoConfigurations.of(EventHorizonJdbcAutoConfiguration.class))
			.withBean(JdbcOperations.class, () -> mock(JdbcOperations.class))
			.withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
			.withBean("myCursorStore", TransactionalCursorStore.class,
					() -> new JdbcCursorStore(mock(JdbcOperations.class), mock(PlatformTransactionManager.class)))
			.run((context) -> assertThat(context).hasSingleBean(TransactionalCursorStore.class)
				.hasBean("myCursorStore"));
	}

	@Test
	void transactionalCursorsNeedSpringJdbc() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
			.withConfiguration(AutoConfigurations.of(EventHorizonJdbcAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TransactionalCursorStore.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class PrefilledLogConfiguration {

		@Bean
		InMemoryEventLog eventLog(EventLineCodec codec) {
			InMemoryEventLog log = new InMemoryEventLog();
			log.bootstrap();
			log.createStream(StreamName.of("/bank"));
			log.append(StreamName.of("/bank"),
					codec.encode(List.of(Event.of(new Deposited("a1", 42), EventMeta.system(java.time.Instant.EPOCH)))));
			return log;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingDynamoDbClientConfiguration {

		final AtomicInteger requests = new AtomicInteger();

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.region(Region.EU_WEST_1)
				.endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.overrideConfiguration((config) -> config.addExecutionInterceptor(new ExecutionInterceptor() {
					@Override
					public void beforeExecution(Context.BeforeExecution execution, ExecutionAttributes attributes) {
						CountingDynamoDbClientConfiguration.this.requests.incrementAndGet();
					}
				}).retryStrategy((retry) -> retry.maxAttempts(1)))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DynaliteClientConfiguration {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return DynamoDbTestServer.get().newClient();
		}

	}

	/** A listener bean created anew at every lookup, so that lookups can be counted. */
	@Configuration(proxyBeanMethods = false)
	static class ListenerPerLookupConfiguration {

		final AtomicInteger created = new AtomicInteger();

		final Map<String, Double> units = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		DynamoDbListener recordingListener() {
			this.created.incrementAndGet();
			return new DynamoDbListener() {
				@Override
				public void capacityConsumed(String table, String operation, double capacityUnits) {
					ListenerPerLookupConfiguration.this.units.merge(operation, capacityUnits, Double::sum);
					ListenerPerLookupConfiguration.this.calls.computeIfAbsent(operation, (key) -> new AtomicInteger())
						.incrementAndGet();
				}
			};
		}

	}

	/** An append listener bean created anew at every lookup, so that lookups can be counted. */
	@Configuration(proxyBeanMethods = false)
	static class AppendListenerPerLookupConfiguration {

		final AtomicInteger created = new AtomicInteger();

		final AtomicInteger appends = new AtomicInteger();

		final AtomicInteger transactionalAppends = new AtomicInteger();

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		AppendListener recordingAppendListener() {
			this.created.incrementAndGet();
			return new AppendListener() {

				@Override
				public void appendFinished(StreamName stream, Duration latency, String outcome) {
					AppendListenerPerLookupConfiguration.this.appends.incrementAndGet();
				}

				@Override
				public void transactionalAppendFinished(String method, int attempts, boolean exhausted) {
					AppendListenerPerLookupConfiguration.this.transactionalAppends.incrementAndGet();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStoresConfiguration {

		final InMemoryEventLog log = new InMemoryEventLog();

		@Bean
		EventLog myEventLog() {
			return this.log;
		}

		@Bean
		SnapshotStore mySnapshotStore() {
			return new InMemorySnapshotStore();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCodecConfiguration {

		@Bean
		EventTypes myEventTypes() {
			return EventTypes.builder().build();
		}

		@Bean
		EventLineCodec myCodec(EventTypes types) {
			return new EventLineCodec(types);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnInfrastructureConfiguration {

		EventHorizonTemplate template;

		@Bean
		EventHorizonTemplate myTemplate(EventLog log, EventLineCodec codec) {
			this.template = new EventHorizonTemplate(log, codec, java.time.Clock.systemUTC(), (entry) -> {
			});
			return this.template;
		}

		@Bean
		EventProcessorRegistry myRegistry(org.springframework.context.ApplicationContext context, EventLog log,
				EventTypes types) {
			return new EventProcessorRegistry(context, log, types,
					(name, processor) -> io.eventhorizon.client.Reader.builder(processor, log), () -> null, true);
		}

		@Bean
		EventHorizonSynchronizer mySynchronizer(EventProcessorRegistry registry) {
			return new EventHorizonSynchronizer(registry, new EventHorizonSynchronizer.Settings(Duration.ofSeconds(1),
					Duration.ofSeconds(1), false, Duration.ofSeconds(1), Duration.ofSeconds(1)),
					new org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler(), java.time.Clock.systemUTC());
		}

	}

}
