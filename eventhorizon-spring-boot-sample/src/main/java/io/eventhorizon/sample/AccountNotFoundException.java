package io.eventhorizon.sample;

/**
 * No account has this id.
 */
class AccountNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	AccountNotFoundException(String id) {
		super("There is no account \"" + id + "\"");
	}

}
