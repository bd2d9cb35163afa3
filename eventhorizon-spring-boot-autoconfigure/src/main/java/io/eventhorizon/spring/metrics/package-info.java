/**
 * Micrometer metrics of EventHorizon: sync lag, processing, appends and snapshots.
 */
@NullMarked
package io.eventhorizon.spring.metrics;

import org.jspecify.annotations.NullMarked;
