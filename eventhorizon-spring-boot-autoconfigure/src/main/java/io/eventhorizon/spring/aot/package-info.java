/**
 * Ahead-of-time processing and native images: the runtime hints of what the starter finds
 * and calls by reflection.
 */
@NullMarked
package io.eventhorizon.spring.aot;

import org.jspecify.annotations.NullMarked;
