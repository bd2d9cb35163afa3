/**
 * Auto-configuration for EventHorizon.
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
