/**
 * Streams, cursors and the event log: the storage model shared by every implementation.
 */
@NullMarked
package io.eventhorizon.core;

import org.jspecify.annotations.NullMarked;
