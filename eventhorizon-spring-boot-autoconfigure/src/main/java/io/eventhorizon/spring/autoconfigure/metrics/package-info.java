/**
 * Auto-configuration of EventHorizon's metrics.
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
