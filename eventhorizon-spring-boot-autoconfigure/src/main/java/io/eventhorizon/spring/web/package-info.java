/**
 * Spring MVC support: problem details for EventHorizon's failures.
 */
@NullMarked
package io.eventhorizon.spring.web;

import org.jspecify.annotations.NullMarked;
