package io.eventhorizon.client;

import java.time.Instant;
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

import io.eventhorizon.client.Tally.Mark;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.testing.Latches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.eventhorizon.client.Tally.STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A read model kept in memory cannot roll back, yet an entry reaches it whole or not at
 * all: after a failure in the middle of an entry the Reader brings it back to just before
 * the entry, or stops it when it cannot.
 */
class ReaderEntryAtomicityTests {

	private static final EventLineCodec CODEC = new EventLineCodec(Tally.TYPES);

	private final InMemoryEventLog eventLog = new InMemoryEventLog();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@BeforeEach
	void createTheStream() {
		this.eventLog.bootstrap();
		this.eventLog.createStream(STREAM);
	}

	@AfterEach
	void stopTheThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void anEntryThatFailedHalfwayIsAppliedWholeWhenTriedAgain() {
		Tally tally = new Tally().beforeApplying(failOnce("b", new AtomicBoolean()));
		Reader reader = Reader.builder(tally, this.eventLog).build();
		append("a", "b");

		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime).withMessage("b failed");
		assertThat(tally.marks()).as("after the failure").isEmpty();
		assertThat(tally.cursor()).isEqualTo(STREAM.at(0));

		reader.loadUntilRealtime();
		assertThat(tally.marks()).as("after the retry").containsExactly("a", "b");
	}

	@Test
	void anOfferRacingALoadThatFailsHalfwayAppliesTheEntryOnce() throws Exception {
		CountDownLatch failing = new CountDownLatch(1);
		CountDownLatch offering = new CountDownLatch(1);
		AtomicBoolean failed = new AtomicBoolean();
		Tally tally = new Tally().beforeApplying((mark) -> {
			if (mark.equals("b") && failed.compareAndSet(false, true)) {
				failing.countDown();
				Latches.await(offering);
				throw new IllegalStateException("b failed");
			}
		});
		Reader reader = Reader.builder(tally, this.eventLog).build();
		LogData written = marks("a", "b");
		Cursor entry = this.eventLog.append(STREAM, written);

		// The synchronizer's load fails in the middle of the entry while a command offers it.
		Future<Integer> synchronizer = this.threads.submit(reader::loadUntilRealtime);
		Latches.await(failing);
		Future<?> command = this.threads.submit(() -> {
			offering.countDown();
			reader.offer(new LogEntry(entry, written));
		});

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> synchronizer.get(10, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IllegalStateException.class);
		command.get(10, TimeUnit.SECONDS);
		assertThat(tally.marks()).containsExactly("a", "b");
		assertThat(tally.cursor()).isEqualTo(entry);
	}

	@Test
	void aProcessorWithSnapshotsIsRestoredFromItsNewestSnapshotBeforeTheEntry() {
		Tally tally = new Tally(SnapshotPerspective.parse("tally:v1"));
		Reader reader = Reader.builder(tally, this.eventLog)
			.snapshotStore(new InMemorySnapshotStore())
			.snapshotPolicy(SnapshotPolicy.EVERY_TIME)
			.snapshotExecutor(Runnable::run)
			.build();
		append("x");
		append("y");
		reader.loadUntilRealtime();
		append("a", "b");
		tally.beforeApplying(failOnce("b", new AtomicBoolean()));

		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime).withMessage("b failed");
		assertThat(tally.marks()).as("after the failure").containsExactly("x", "y");
		assertThat(reader.stats().snapshotsInstalled()).isEqualTo(1);

		reader.loadUntilRealtime();
		assertThat(tally.marks()).as("after the retry").containsExactly("x", "y", "a", "b");
	}

	@Test
	void withTheSkipPolicyAnEntryThatFailsHalfwayIsSkippedWhole() {
		List<Cursor> poisoned = new CopyOnWriteArrayList<>();
		Tally tally = new Tally().beforeApplying(failOn("b"));
		Reader reader = Reader.builder(tally, this.eventLog)
			.poisonPolicy(PoisonPolicy.SKIP)
			.listener(new ReaderListener() {
				@Override
				public void entryPoisoned(Cursor at, RuntimeException failure) {
					poisoned.add(at);
				}
			})
			.build();
		append("before");
		append("a", "b");
		append("after");

		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime);
		assertThatIllegalStateException().isThrownBy(reader::loadUntilRealtime);
		reader.loadUntilRealtime();

		assertThat(tally.marks()).containsExactly("before", "after");
		assertThat(poisoned).containsExactly(STREAM.at(2));

		assertThatIllegalStateException().as("a rebuild tries the entry again").isThrownBy(() -> reader.rebuild(false));
		assertThat(tally.marks()).containsExactly("before");
	}

	@Test
	void aProcessorThatCannotBeResetIsStoppedUntilItIsRebuilt() {
		List<RuntimeException> loadFailures = new CopyOnWriteArrayList<>();
		AtomicBoolean failed = new AtomicBoolean();
		Tally tally = Tally.thatCannotBeReset().beforeApplying(failOnce("b", failed));
		Reader reader = Reader.builder(tally, this.eventLog).listener(new ReaderListener() {
			@Override
			public void loadFailed(RuntimeException failure) {
				loadFailures.add(failure);
			}
		}).build();
		append("a", "b");

		assertThatExceptionOfType(ProcessorStoppedException.class).isThrownBy(reader::loadUntilRealtime)
			.withMessage("io.eventhorizon.client.Tally is stopped: it failed in the middle of entry /tally@1 after "
					+ "applying part of it, and cannot be reset to apply the entry whole (This tally cannot be "
					+ "reset); rebuild it or restart the application")
			.withCauseExactlyInstanceOf(IllegalStateException.class)
			.satisfies((stopped) -> assertThat(stopped.getEntry()).isEqualTo(STREAM.at(1)));
		assertThatExceptionOfType(ProcessorStoppedException.class).isThrownBy(reader::loadUntilRealtime);
		Cursor next = this.eventLog.append(STREAM, marks("c"));
		assertThatExceptionOfType(ProcessorStoppedException.class)
			.isThrownBy(() -> reader.offer(new LogEntry(next, marks("c"))));
		assertThatIllegalStateException().isThrownBy(() -> reader.rebuild(false))
			.withMessage("This tally cannot be reset");
		assertThatExceptionOfType(ProcessorStoppedException.class).isThrownBy(reader::loadUntilRealtime);

		assertThat(loadFailures).hasSize(4).allMatch(ProcessorStoppedException.class::isInstance);
		assertThat(tally.cursor()).as("never past the entry").isEqualTo(STREAM.at(0));
	}

	private void append(String... marks) {
		this.eventLog.append(STREAM, marks(marks));
	}

	private static LogData marks(String... marks) {
		return CODEC.encode(
				List.of(marks).stream().map((mark) -> Event.of(new Mark(mark), EventMeta.system(Instant.EPOCH))).toList());
	}

	private static Consumer<String> failOn(String failing) {
		return (mark) -> {
			if (mark.equals(failing)) {
				throw new IllegalStateException(failing + " failed");
			}
		};
	}

	private static Consumer<String> failOnce(String failing, AtomicBoolean failed) {
		return (mark) -> {
			if (mark.equals(failing) && failed.compareAndSet(false, true)) {
				throw new IllegalStateException(failing + " failed");
			}
		};
	}

}
