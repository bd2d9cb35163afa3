package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.eventhorizon.client.ProcessorStoppedException;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventType;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.testing.Latches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An {@code @EventProcessor} bean kept in memory has no transaction to roll back, yet an
 * entry reaches it whole or not at all, even while a command offers the entry that the
 * synchronizer is failing to apply.
 */
class InMemoryProcessorFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false", "eventhorizon.create-streams=true");

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopTheThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void anOfferRacingALoadThatFailsHalfwayAppliesTheEntryOnce() {
		this.runner.withBean("journal", Journal.class).run((context) -> {
			Journal journal = context.getBean(Journal.class);
			CountDownLatch failing = new CountDownLatch(1);
			CountDownLatch offering = new CountDownLatch(1);
			AtomicBoolean failed = new AtomicBoolean();
			journal.beforeNoting = (text) -> {
				if (text.equals("b") && failed.compareAndSet(false, true)) {
					failing.countDown();
					Latches.await(offering);
					throw new IllegalStateException("b failed");
				}
			};
			Cursor written = context.getBean(EventHorizonTemplate.class).append("/journal", new Noted("a"),
					new Noted("b"));
			LogEntry entry = context.getBean(EventLog.class).read(written.stream().at(written.version() - 1))
				.entries()
				.get(0);
			Reader reader = reader(context);

			// The synchronizer's load fails in the middle of the entry while a command offers it.
			Future<Integer> synchronizer = this.threads.submit(reader::loadUntilRealtime);
			Latches.await(failing);
			Future<?> command = this.threads.submit(() -> {
				offering.countDown();
				reader.offer(entry);
			});

			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> synchronizer.get(10, TimeUnit.SECONDS))
				.withRootCauseInstanceOf(IllegalStateException.class);
			command.get(10, TimeUnit.SECONDS);
			assertThat(journal.notes).containsExactly("a", "b");
		});
	}

	@Test
	void aBeanThatCannotForgetItsStateIsStoppedAfterAFailureHalfway() {
		this.runner.withBean("forgetful", UnresettableJournal.class).run((context) -> {
			UnresettableJournal journal = context.getBean(UnresettableJournal.class);
			journal.failOnB = true;
			context.getBean(EventHorizonTemplate.class).append("/journal", new Noted("a"), new Noted("b"));
			Reader reader = reader(context);

			assertThatExceptionOfType(ProcessorStoppedException.class).isThrownBy(reader::loadUntilRealtime)
				.withMessageContaining("failed in the middle of entry /journal@1")
				.withMessageContaining("Processor 'forgetful' does not implement ResettableState");
			journal.failOnB = false;
			assertThatExceptionOfType(ProcessorStoppedException.class).isThrownBy(reader::loadUntilRealtime);
			assertThat(reader.stats().cursor()).as("never past the entry").isEqualTo(StreamName.of("/journal").at(0));
		});
	}

	private static Reader reader(ApplicationContext context) {
		return context.getBean(EventProcessorRegistry.class).all().get(0).reader();
	}

	@EventType("journal.Noted")
	record Noted(String text) {
	}

	/** Notes kept in memory; it can forget them. */
	@EventProcessor(stream = "/journal")
	static class Journal implements ResettableState {

		final List<String> notes = new CopyOnWriteArrayList<>();

		volatile Consumer<String> beforeNoting = (text) -> {
		};

		@EventHandler
		void on(Noted noted) {
			this.beforeNoting.accept(noted.text());
			this.notes.add(noted.text());
		}

		@Override
		public void resetState() {
			this.notes.clear();
		}

	}

	/** Notes kept in memory; it cannot forget them. */
	@EventProcessor(stream = "/journal")
	static class UnresettableJournal {

		final List<String> notes = new CopyOnWriteArrayList<>();

		volatile boolean failOnB;

		@EventHandler
		void on(Noted noted) {
			if (this.failOnB && noted.text().equals("b")) {
				throw new IllegalStateException("b failed");
			}
			this.notes.add(noted.text());
		}

	}

}
