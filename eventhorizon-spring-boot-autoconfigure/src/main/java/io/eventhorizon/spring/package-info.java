/**
 * EventHorizon for Spring: annotated processors, the append advice, the template and the
 * synchronizer.
 */
@NullMarked
package io.eventhorizon.spring;

import org.jspecify.annotations.NullMarked;
