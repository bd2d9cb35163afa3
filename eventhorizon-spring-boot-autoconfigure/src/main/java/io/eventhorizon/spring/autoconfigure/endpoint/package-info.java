/**
 * Auto-configuration of EventHorizon's endpoint.
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
