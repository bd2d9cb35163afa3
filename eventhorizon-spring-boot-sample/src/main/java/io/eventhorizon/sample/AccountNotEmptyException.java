package io.eventhorizon.sample;

/**
 * An account still holding money cannot be closed: the money would vanish.
 */
class AccountNotEmptyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AccountNotEmptyException(Account account) {
		super("Account \"" + account.id() + "\" still has " + account.balance()
				+ " cents; withdraw or transfer them before closing it");
	}

}
