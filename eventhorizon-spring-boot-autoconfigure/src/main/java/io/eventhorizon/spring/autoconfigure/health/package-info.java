/**
 * Auto-configuration of EventHorizon's health.
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
