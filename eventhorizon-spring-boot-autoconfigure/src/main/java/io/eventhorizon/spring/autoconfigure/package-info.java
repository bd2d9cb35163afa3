/**
 * Auto-configuration for EventHorizon (grows with the Spring Boot starter).
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
