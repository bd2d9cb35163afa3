package io.eventhorizon.client;

/**
 * What a {@link Reader} does when its processor fails to apply an entry (a "poison"
 * entry): stop before it and try again on the next load, or skip it with a record.
 *
 * @since 0.1.0
 */
public enum PoisonPolicy {

	/**
	 * Stop before the entry; every later load tries it again (the synchronizer backs off),
	 * until the processor or the data is fixed. Nothing is ever skipped. The default.
	 */
	STOP,

	/**
	 * Commit the processor's cursor past the entry without its events, log an error naming
	 * the entry, count it and tell the listener, then go on. Entries that cannot be read at
	 * all still stop the processor.
	 */
	SKIP

}
