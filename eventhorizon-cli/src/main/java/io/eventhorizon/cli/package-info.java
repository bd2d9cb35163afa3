/**
 * The {@code eventhorizon} command line: operates the DynamoDB tables from outside any application.
 */
@NullMarked
package io.eventhorizon.cli;

import org.jspecify.annotations.NullMarked;
