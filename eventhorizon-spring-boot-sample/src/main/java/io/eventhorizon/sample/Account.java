package io.eventhorizon.sample;

/**
 * An account as the API shows it. Immutable.
 *
 * @param id the account's id
 * @param owner who owns it
 * @param balance the balance in cents
 * @param closed whether it was closed: it takes no more deposits, withdrawals or transfers
 */
public record Account(String id, String owner, long balance, boolean closed) {

}
