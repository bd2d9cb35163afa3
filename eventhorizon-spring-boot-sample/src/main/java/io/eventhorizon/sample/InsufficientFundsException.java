package io.eventhorizon.sample;

/**
 * The balance would go negative.
 */
class InsufficientFundsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InsufficientFundsException(Account account, long amount) {
		super("Account \"" + account.id() + "\" has " + account.balance() + " cents; cannot take " + amount);
	}

}
