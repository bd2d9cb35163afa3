package io.eventhorizon.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.eventhorizon.client.Reader;
import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.SnapshotState;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Annotated processors take snapshots, and a processor's own {@code @TransactionalAppend}
 * methods validate against it.
 */
class AnnotatedProcessorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withInitializer((context) -> AutoConfigurationPackages
			.register((BeanDefinitionRegistry) context.getBeanFactory(), BankFixtures.class.getPackageName()))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false", "eventhorizon.snapshots.min-interval=0s");

	@Test
	void aProcessorWithAPerspectiveIsSnapshottedAndRestored() {
		this.runner.withBean("wallet", Wallet.class).run((context) -> {
			Wallet wallet = context.getBean(Wallet.class);
			wallet.pay("a1", 5);
			wallet.pay("a1", 6);
			SnapshotStore snapshots = context.getBean(SnapshotStore.class);
			Reader reader = context.getBean(EventProcessorRegistry.class).byName("wallet").orElseThrow().reader();

			// Snapshots are stored in the background, one at a time: sync until the newest is.
			await(() -> {
				reader.loadUntilRealtime();
				return reader.storedSnapshotCursor().equals(Optional.of(StreamName.of("/wallet").at(2)));
			});

			assertThat(snapshots.read(StreamName.of("/wallet"), SnapshotPerspective.v1("wallet")))
				.hasValueSatisfying((snapshot) -> assertThat(new String(snapshot.data(), StandardCharsets.UTF_8))
					.isEqualTo("a1=11"));
		});
	}

	@Test
	void aProcessorsOwnAppendMethodValidatesAgainstIt() {
		this.runner.withBean("wallet", Wallet.class).run((context) -> {
			Wallet wallet = context.getBean(Wallet.class);

			wallet.pay("a1", 5);

			assertThat(wallet.total("a1")).isEqualTo(5);
			assertThat(context.getBean(EventProcessorRegistry.class).byName("wallet").orElseThrow().cursor().get())
				.isEqualTo(StreamName.of("/wallet").at(1));
		});
	}

	@Test
	void theAttemptsComeFromThePropertiesUnlessTheAnnotationSaysOtherwise() {
		this.runner.withBean("wallet", Wallet.class)
			.withPropertyValues("eventhorizon.append.max-attempts=3", "eventhorizon.append.initial-backoff=1ms")
			.run((context) -> {
				Wallet wallet = context.getBean(Wallet.class);

				assertThatExceptionOfType(TransactWriteExhaustedException.class)
					.isThrownBy(() -> wallet.alwaysConflicting(context.getBean(EventHorizonTemplate.class)))
					.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3));
				assertThat(wallet.conflicts()).isEqualTo(3);
			});
	}

	private static void await(BooleanSupplier condition) {
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
	}

	/** Totals per account; snapshots as "account=total" lines. */
	@EventProcessor(stream = "/wallet", snapshotPerspective = "wallet:v1")
	static class Wallet implements SnapshotState {

		private final Map<String, Long> totals = new ConcurrentHashMap<>();

		private EventHorizonTemplate events;

		private int conflicts;

		@Autowired
		void setEvents(EventHorizonTemplate events) {
			this.events = events;
		}

		@EventHandler
		void on(Deposited deposited) {
			this.totals.merge(deposited.id(), deposited.amount(), Long::sum);
		}

		@TransactionalAppend
		public void pay(String id, long amount) {
			this.events.append("/wallet", new Deposited(id, amount));
		}

		@TransactionalAppend
		public void alwaysConflicting(EventHorizonTemplate events) {
			this.conflicts++;
			throw new OptimisticLockingException(StreamName.of("/wallet").at(0), StreamName.of("/wallet").at(1));
		}

		public long total(String id) {
			return this.totals.getOrDefault(id, 0L);
		}

		public int conflicts() {
			return this.conflicts;
		}

		@Override
		public byte[] snapshotState() {
			StringBuilder state = new StringBuilder();
			this.totals.forEach((id, total) -> state.append(id).append('=').append(total));
			return state.toString().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void restoreState(byte[] data) {
			this.totals.clear();
			String[] pair = new String(data, StandardCharsets.UTF_8).split("=");
			this.totals.put(pair[0], Long.parseLong(pair[1]));
		}

	}

}
