package io.eventhorizon.sample;

/**
 * The account is closed: no money moves in or out of it any more.
 */
class AccountClosedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AccountClosedException(String id) {
		super("Account \"" + id + "\" is closed");
	}

}
