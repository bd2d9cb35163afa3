package io.eventhorizon.sample;

/**
 * A request the API cannot accept; the message names the bad value.
 */
class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidRequestException(String message) {
		super(message);
	}

}
