/**
 * The in-memory event log: the embedded default and the test kit.
 */
@NullMarked
package io.eventhorizon.inmemory;

import org.jspecify.annotations.NullMarked;
