package io.eventhorizon.event;

/**
 * Thrown when a text is not an event line
 * ({@code {"_":type,"t":time,...} payloadJson}).
 *
 * @since 0.1.0
 */
public class MalformedEventLineException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public MalformedEventLineException(String reason, String line) {
		super(reason + " in event line: " + abbreviate(line));
	}

	public MalformedEventLineException(String reason, String line, Throwable cause) {
		this(reason, line);
		initCause(cause);
	}

	private static String abbreviate(String line) {
		return (line.length() <= 300) ? line : line.substring(0, 300) + "...";
	}

}
