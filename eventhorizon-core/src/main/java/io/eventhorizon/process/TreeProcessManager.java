package io.eventhorizon.process;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.tree.FeedPosition;
import io.eventhorizon.tree.TreeProcessor;
import io.eventhorizon.tree.TreeReader;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ProcessManager} of every stream below a parent (a tree), including streams
 * created later: turns their events into commands on other streams, such as a debit in
 * {@code /bank/accounts/<id>} into the credit of another account, fed by a
 * {@link TreeReader}.
 * <p>
 * Each event's effects are keyed by its place exactly as a {@link ProcessManager}'s are
 * ({@link SourceEvent#key(String)}: the name, the entry {@code stream@version}, the event's
 * line and the effect), and each stream's cursor moves past an entry only once the handler
 * returned for all its events. A failure leaves the cursor before the entry, and the reader
 * feeds it again; the effects already written are found by their keys.
 * <p>
 * The cursors and the feed position are kept in memory only: a new instance walks the whole
 * tree once and runs the handler for every event ever written below it. The keys cover a
 * repeat only while the effect is among its target stream's newest entries (the
 * idempotency window), so the handler must also be idempotent by the domain: before an
 * effect, check in the target streams whether the source event was already dealt with
 * (such as a transfer's recorded outcome).
 * <pre class="code">
 * TreeProcessManager transfers = TreeProcessManager.builder("transfers", StreamName.of("/bank/accounts"), TYPES,
 *         (source) -&gt; {
 *             if (source.payload() instanceof TransferDebited debited &amp;&amp; !settled(debited)) {
 *                 accounts.execute(debited.to(), source.key("credit"), Long.class, credit(debited.amount()));
 *             }
 *         }).build();
 * TreeReader.builder(transfers, eventLog, transfers.tree()).build().loadUntilRealtime();
 * </pre>
 * <p>
 * Thread-safety: a {@link TreeReader} calls it from one thread at a time, and the cursors
 * and the position are published safely; the handler runs on that thread.
 *
 * @since 0.1.0
 */
public final class TreeProcessManager implements TreeProcessor {

	private final String name;

	private final StreamName tree;

	private final EventTypes eventTypes;

	private final ProcessHandler handler;

	private final Map<StreamName, Cursor> cursors = new ConcurrentHashMap<>();

	private volatile @Nullable FeedPosition position;

	private TreeProcessManager(String name, StreamName tree, EventTypes eventTypes, ProcessHandler handler) {
		this.name = name;
		this.tree = tree;
		this.eventTypes = eventTypes;
		this.handler = handler;
	}

	/**
	 * Returns a builder of a process manager of a tree.
	 * @param name the name, part of every key, so that two process managers of one tree
	 * never share a key
	 * @param tree the parent whose streams to follow (not its own entries)
	 * @param eventTypes the event types the process manager handles
	 * @param handler what it does for each event
	 * @return a new builder
	 * @throws IllegalArgumentException if the name is blank or the tree is the root
	 */
	public static Builder builder(String name, StreamName tree, EventTypes eventTypes, ProcessHandler handler) {
		return new Builder(name, tree, eventTypes, handler);
	}

	/**
	 * Returns the name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the parent whose streams it follows.
	 * @return the top of the tree
	 */
	public StreamName tree() {
		return this.tree;
	}

	/**
	 * Returns the cursor of the last entry of a stream whose effects were all written.
	 * @param stream the stream
	 * @return the cursor; the stream's beginning for a stream not seen yet
	 */
	public Cursor cursor(StreamName stream) {
		return this.cursors.getOrDefault(stream, stream.beginning());
	}

	@Override
	public void processEvents(StreamName stream, EntryHandler entryHandler) {
		ProcessManager.handleEntry(this.name, this.handler, cursor(stream), entryHandler,
				(committed) -> this.cursors.put(stream, committed));
	}

	@Override
	public EventTypes eventTypes() {
		return this.eventTypes;
	}

	@Override
	public Optional<FeedPosition> storedPosition() {
		return Optional.ofNullable(this.position);
	}

	@Override
	public void storePosition(FeedPosition position) {
		this.position = Objects.requireNonNull(position, "position must not be null");
	}

	/**
	 * Returns {@code true}: a failure leaves the stream's cursor where it was, and the
	 * effects written before it are found by their keys when the entry is handled again.
	 */
	@Override
	public boolean rollsBackOnFailure() {
		return true;
	}

	/**
	 * Returns {@code false}: an entry that failed may have written some of its effects, and
	 * skipping it would never write the others (an account debited but nobody credited).
	 */
	@Override
	public boolean allowsSkippingPoisonedEntries() {
		return false;
	}

	/**
	 * Forgets every cursor and the position: a rebuild walks the whole tree and runs the
	 * handler for every event again, which its domain checks must make harmless.
	 */
	@Override
	public void reset() {
		this.cursors.clear();
		this.position = null;
	}

	/**
	 * Configures a {@link TreeProcessManager}. Not thread-safe.
	 */
	public static final class Builder {

		private final String name;

		private final StreamName tree;

		private final EventTypes eventTypes;

		private final ProcessHandler handler;

		private Builder(String name, StreamName tree, EventTypes eventTypes, ProcessHandler handler) {
			this.name = ProcessManager.checkName(name);
			this.tree = Objects.requireNonNull(tree, "tree must not be null");
			if (tree.isRoot()) {
				throw new IllegalArgumentException("Process manager '" + name + "' cannot follow the tree " + tree
						+ ", the root: follow a stream below it, such as /bank/accounts");
			}
			this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes must not be null");
			this.handler = Objects.requireNonNull(handler, "handler must not be null");
		}

		/**
		 * Returns the process manager, before every stream of its tree.
		 * @return the process manager
		 */
		public TreeProcessManager build() {
			return new TreeProcessManager(this.name, this.tree, this.eventTypes, this.handler);
		}

	}

}
