package io.eventhorizon.sample;

/**
 * No transfer has this id.
 */
class TransferNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TransferNotFoundException(String id) {
		super("There is no transfer \"" + id + "\"");
	}

}
