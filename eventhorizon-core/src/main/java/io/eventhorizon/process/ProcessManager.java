package io.eventhorizon.process;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.EventAtLine;
import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * A processor that turns the events of the stream it follows into commands on other
 * streams, such as a transfer requested in {@code /transfers} into a debit of one account
 * and a credit of another, each effect written exactly once.
 * <p>
 * For each event, the {@link ProcessHandler} runs its commands with keys derived from the
 * event's place ({@link SourceEvent#key(String)}), and the cursor moves past the entry only
 * once the handler returned. A crash or a failure anywhere in between leaves the cursor
 * before the entry, so the entry is handled again; the effects already written carry their
 * keys, so their commands find them and write nothing twice. Two instances following one
 * stream both run each effect, and the keys let one of them write it.
 * <pre class="code">
 * ProcessManager transfers = ProcessManager.builder("transfers", StreamName.of("/transfers"), TYPES, (source) -&gt; {
 *     if (source.payload() instanceof TransferRequested transfer) {
 *         accounts.execute(transfer.from(), source.key("debit"), Long.class, debit(transfer.amount()));
 *         accounts.execute(transfer.to(), source.key("credit"), Long.class, credit(transfer.amount()));
 *     }
 * }).cursorSnapshots(SnapshotPerspective.v1("transfers-process")).build();
 * Reader reader = Reader.builder(transfers, eventLog).snapshotStore(snapshotStore).build();
 * reader.loadUntilRealtime();
 * </pre>
 * <p>
 * Its cursor is kept in memory and, with {@link Builder#cursorSnapshots(SnapshotPerspective)},
 * stored as a snapshot (of the cursor alone) by its {@link Reader}'s snapshot policy: a
 * restart goes on from the stored snapshot, or from the beginning of the stream without
 * one. Every entry since then is handled again, so a key must still be found where its
 * effect was written: each target stream's idempotency window must hold the entries
 * written there since the snapshot (the process manager's lag), or an effect is written
 * again.
 * <p>
 * Thread-safety: a {@link Reader} calls it from one thread at a time, and the cursor is
 * published safely; the handler runs on that thread.
 *
 * @since 0.1.0
 */
public final class ProcessManager implements EventsProcessor {

	private final String name;

	private final EventTypes eventTypes;

	private final ProcessHandler handler;

	private final @Nullable SnapshotPerspective perspective;

	private volatile Cursor cursor;

	private ProcessManager(Builder builder) {
		this.name = builder.name;
		this.eventTypes = builder.eventTypes;
		this.handler = builder.handler;
		this.perspective = builder.perspective;
		this.cursor = builder.stream.beginning();
	}

	/**
	 * Returns a builder of a process manager.
	 * @param name the name, part of every key, so that two process managers of one stream
	 * never share a key
	 * @param stream the stream to follow
	 * @param eventTypes the event types the process manager handles
	 * @param handler what it does for each event
	 * @return a new builder
	 * @throws IllegalArgumentException if the name is blank
	 */
	public static Builder builder(String name, StreamName stream, EventTypes eventTypes, ProcessHandler handler) {
		return new Builder(name, stream, eventTypes, handler);
	}

	/**
	 * Returns the name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the cursor of the last entry whose effects were all written.
	 * @return the cursor
	 */
	public Cursor cursor() {
		return this.cursor;
	}

	@Override
	public void processEvents(EntryHandler entryHandler) {
		handleEntry(this.name, this.handler, this.cursor, entryHandler, (committed) -> this.cursor = committed);
	}

	/**
	 * Hands one entry's events to a handler as {@link SourceEvent}s and commits the entry's
	 * cursor once the handler returned for all of them.
	 * @param name the process manager's name
	 * @param handler what the process manager does for each event
	 * @param stored the cursor stored for the entry's stream
	 * @param entryHandler the reader's work for the entry
	 * @param commit stores the entry's cursor
	 */
	static void handleEntry(String name, ProcessHandler handler, Cursor stored, EntryHandler entryHandler,
			Consumer<Cursor> commit) {
		Cursor entry = stored.next();
		// Keyed by the event's line in the entry, which every version of this process manager
		// agrees on whichever event types it knows.
		EventAtLine handleEvent = (event, line) -> handler.handle(new SourceEvent(name, entry, line, event));
		entryHandler.handle(stored, handleEvent, commit);
	}

	/**
	 * Returns {@code true}: a failure leaves the cursor where it was, and the effects
	 * written before it are found by their keys when the entry is handled again.
	 */
	@Override
	public boolean rollsBackOnFailure() {
		return true;
	}

	/**
	 * Returns {@code false}: an entry that failed may have written some of its effects, and
	 * skipping it would never write the others (a transfer debited but never credited).
	 */
	@Override
	public boolean allowsSkippingPoisonedEntries() {
		return false;
	}

	/**
	 * Goes back to the beginning of the stream: a rebuild handles every entry again, and
	 * writes the effects whose keys are no longer in their streams' windows again.
	 */
	@Override
	public void reset() {
		this.cursor = this.cursor.stream().beginning();
	}

	@Override
	public EventTypes eventTypes() {
		return this.eventTypes;
	}

	@Override
	public Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.ofNullable(this.perspective);
	}

	@Override
	public Snapshot takeSnapshot() {
		return Snapshot.of(this.cursor, snapshotPerspective().orElseThrow(), new byte[0]);
	}

	@Override
	public void installSnapshot(Snapshot snapshot) {
		this.cursor = snapshot.cursor();
	}

	static String checkName(String name) {
		Objects.requireNonNull(name, "name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("A process manager's name must not be blank, was '" + name + "'");
		}
		return name;
	}

	/**
	 * Configures a {@link ProcessManager}. Not thread-safe.
	 */
	public static final class Builder {

		private final String name;

		private final StreamName stream;

		private final EventTypes eventTypes;

		private final ProcessHandler handler;

		private @Nullable SnapshotPerspective perspective;

		private Builder(String name, StreamName stream, EventTypes eventTypes, ProcessHandler handler) {
			this.name = checkName(name);
			this.stream = Objects.requireNonNull(stream, "stream must not be null");
			this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes must not be null");
			this.handler = Objects.requireNonNull(handler, "handler must not be null");
		}

		/**
		 * Stores the cursor as a snapshot under a perspective, with the Reader's snapshot
		 * store and policy, so that a restart goes on from there instead of the beginning.
		 * @param perspective the perspective, such as {@code transfers-process:v1}
		 * @return this builder
		 */
		public Builder cursorSnapshots(SnapshotPerspective perspective) {
			this.perspective = Objects.requireNonNull(perspective, "perspective must not be null");
			return this;
		}

		/**
		 * Returns the process manager, at the beginning of its stream.
		 * @return the process manager
		 */
		public ProcessManager build() {
			return new ProcessManager(this);
		}

	}

}
