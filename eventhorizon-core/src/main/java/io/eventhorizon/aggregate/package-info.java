/**
 * Aggregates: one stream per aggregate, loaded on demand, cached, snapshotted and
 * commanded with optimistic locking.
 */
@NullMarked
package io.eventhorizon.aggregate;

import org.jspecify.annotations.NullMarked;
