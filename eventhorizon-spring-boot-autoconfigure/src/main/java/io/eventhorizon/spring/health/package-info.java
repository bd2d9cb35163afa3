/**
 * The health of EventHorizon's processors.
 */
@NullMarked
package io.eventhorizon.spring.health;

import org.jspecify.annotations.NullMarked;
