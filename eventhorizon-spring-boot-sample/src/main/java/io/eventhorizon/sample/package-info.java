/**
 * The bank sample: one stream per account ({@code /bank/accounts/<id>}) and per transfer
 * ({@code /bank/transfers/<id>}), transfers completed by a process manager.
 */
@NullMarked
package io.eventhorizon.sample;

import org.jspecify.annotations.NullMarked;
