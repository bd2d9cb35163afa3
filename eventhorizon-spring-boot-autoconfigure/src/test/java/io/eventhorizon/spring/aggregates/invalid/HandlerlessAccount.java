package io.eventhorizon.spring.aggregates.invalid;

import io.eventhorizon.spring.Aggregate;

/**
 * An aggregate declared wrongly: it has no event handler.
 */
@Aggregate(parent = "/bank/accounts")
public class HandlerlessAccount {

	long balance;

}
