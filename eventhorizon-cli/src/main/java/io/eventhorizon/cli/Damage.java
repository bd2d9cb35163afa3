package io.eventhorizon.cli;

/**
 * One kind of damage that {@code verify} found, where it found it. The kinds are those of
 * {@code docs/cli.md}: {@code gap}, {@code not-started}, {@code unannounced},
 * {@code undecodable}, {@code kind-0}, {@code unknown-kind}, {@code no-data},
 * {@code stale-pending}, {@code missing-child}, {@code bad-key}.
 * <p>
 * Immutable and thread-safe.
 *
 * @param kind what is wrong, in a word or two
 * @param at the cursor or stream it is at, such as {@code /bank@3}
 * @param detail what was found, for people
 */
record Damage(String kind, String at, String detail) {

	static final String GAP = "gap";

	static final String NOT_STARTED = "not-started";

	static final String UNANNOUNCED = "unannounced";

	static final String UNDECODABLE = "undecodable";

	static final String KIND_0 = "kind-0";

	static final String UNKNOWN_KIND = "unknown-kind";

	static final String NO_DATA = "no-data";

	static final String STALE_PENDING = "stale-pending";

	static final String MISSING_CHILD = "missing-child";

	static final String BAD_KEY = "bad-key";

}
