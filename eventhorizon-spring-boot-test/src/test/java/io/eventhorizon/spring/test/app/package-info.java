/**
 * A small application with the starter, for the tests of the test support.
 */
@NullMarked
package io.eventhorizon.spring.test.app;

import org.jspecify.annotations.NullMarked;
