/**
 * Auto-configuration of EventHorizon's Spring MVC support.
 */
@NullMarked
package io.eventhorizon.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
