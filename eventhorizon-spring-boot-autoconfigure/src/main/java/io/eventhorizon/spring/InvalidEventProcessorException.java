package io.eventhorizon.spring;

/**
 * Thrown at startup when an {@link EventProcessor} bean or a {@link TransactionalAppend}
 * method is declared wrongly; the message names the bean and method.
 *
 * @since 0.1.0
 */
public class InvalidEventProcessorException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public InvalidEventProcessorException(String message) {
		super(message);
	}

	public InvalidEventProcessorException(String message, Throwable cause) {
		super(message, cause);
	}

}
