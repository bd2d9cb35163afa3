package io.eventhorizon.cli;

import java.time.Duration;

/**
 * A stream whose creation {@code verify} found under way: its {@code @0} still carries the
 * pending mark, put less than {@link StoreCheck#PENDING_GRACE} ago. Not damage: the call
 * creating it is still running, or crashed so recently that nobody can tell yet.
 * <p>
 * Immutable and thread-safe.
 *
 * @param at the stream's {@code @0}
 * @param age how long ago the mark was put
 */
record CreationInProgress(String at, Duration age) {
}
