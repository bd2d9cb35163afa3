/**
 * Tests of {@code @EventProcessor} classes without an application context: given events,
 * then state.
 */
@NullMarked
package io.eventhorizon.spring.test.processor;

import org.jspecify.annotations.NullMarked;
