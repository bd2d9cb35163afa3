package io.eventhorizon.process;

/**
 * What a {@link ProcessManager} does for one event of the stream it follows: runs commands
 * on other streams, each with the key {@link SourceEvent#key(String)} gives for it, such as
 * {@code accounts.execute(from, source.key("debit"), Long.class, ...)}.
 * <p>
 * May run more than once for one event (after a crash, a failure or a second instance
 * racing): every write it makes must carry its effect's key, so that a repeat finds the
 * key and writes nothing again. A command rejected by its own validation writes nothing
 * and is not remembered, so a repeat judges it again on the newest state: record a
 * decision that must stand as an event.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessHandler {

	/**
	 * Runs the effects of one event; returns once all of them are written.
	 * @param source the event and the keys of its effects
	 */
	void handle(SourceEvent source);

}
