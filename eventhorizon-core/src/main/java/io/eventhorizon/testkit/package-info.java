/**
 * Helpers for testing processors without DynamoDB: given events, then state.
 */
@NullMarked
package io.eventhorizon.testkit;

import org.jspecify.annotations.NullMarked;
