package io.eventhorizon.sample;

/**
 * An account as the API shows it. Immutable.
 *
 * @param id the account's id
 * @param owner who owns it
 * @param balance the balance in cents
 */
public record Account(String id, String owner, long balance) {

	Account plus(long amount) {
		return new Account(this.id, this.owner, Math.addExact(this.balance, amount));
	}

}
