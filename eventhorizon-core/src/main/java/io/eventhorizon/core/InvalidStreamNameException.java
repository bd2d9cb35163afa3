package io.eventhorizon.core;

/**
 * Thrown when a text is not a valid {@link StreamName}.
 *
 * @since 0.1.0
 */
public class InvalidStreamNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String name;

	public InvalidStreamNameException(String name, String reason) {
		super("Invalid stream name " + Printable.quote(name) + ": " + reason);
		this.name = name;
	}

	/**
	 * Returns the rejected name, as it was given.
	 * @return the rejected name
	 */
	public String getName() {
		return this.name;
	}

}
