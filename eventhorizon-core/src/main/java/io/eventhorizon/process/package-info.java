/**
 * Process managers: processors that turn the events of one stream, or of a tree of
 * streams, into commands on other streams, each effect written exactly once by an
 * idempotency key derived from its source.
 */
@NullMarked
package io.eventhorizon.process;

import org.jspecify.annotations.NullMarked;
