/**
 * The event log on DynamoDB, in the Go project's table layout, and the table helper.
 */
@NullMarked
package io.eventhorizon.dynamodb;

import org.jspecify.annotations.NullMarked;
