/**
 * The consumer API: processors (read models), the Reader that feeds them, and
 * transactWrite for consistent writes.
 */
@NullMarked
package io.eventhorizon.client;

import org.jspecify.annotations.NullMarked;
