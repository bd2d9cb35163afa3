package io.eventhorizon.spring;

/**
 * Thrown at startup when an {@link Aggregate} class is declared wrongly; the message names
 * the class and what is wrong.
 *
 * @since 0.1.0
 */
public class InvalidAggregateException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 * @param cause the cause, or {@code null}
	 */
	public InvalidAggregateException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 */
	public InvalidAggregateException(String message) {
		super(message);
	}

}
