/**
 * The bank sample: accounts kept as events in the stream {@code /bank}.
 */
@NullMarked
package io.eventhorizon.sample;

import org.jspecify.annotations.NullMarked;
