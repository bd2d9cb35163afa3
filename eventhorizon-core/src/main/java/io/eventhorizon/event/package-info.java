/**
 * Events and their Go-compatible line format: metadata, type registry and codec.
 */
@NullMarked
package io.eventhorizon.event;

import org.jspecify.annotations.NullMarked;
