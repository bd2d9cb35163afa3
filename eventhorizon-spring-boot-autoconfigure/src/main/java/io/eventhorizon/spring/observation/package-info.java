/**
 * Micrometer Observations of EventHorizon: appends, command attempts and processor batches.
 */
@NullMarked
package io.eventhorizon.spring.observation;

import org.jspecify.annotations.NullMarked;
