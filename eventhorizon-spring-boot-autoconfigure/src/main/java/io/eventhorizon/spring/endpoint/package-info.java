/**
 * The {@code eventhorizon} actuator endpoint: processors' state and controls.
 */
@NullMarked
package io.eventhorizon.spring.endpoint;

import org.jspecify.annotations.NullMarked;
