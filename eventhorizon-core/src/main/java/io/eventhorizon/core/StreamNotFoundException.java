package io.eventhorizon.core;

/**
 * Thrown when a stream does not exist, or is still being created.
 *
 * @since 0.1.0
 */
public class StreamNotFoundException extends EventLogException {

	private static final long serialVersionUID = 1L;

	private final StreamName stream;

	public StreamNotFoundException(StreamName stream) {
		this(stream, "Stream " + stream + " does not exist");
	}

	public StreamNotFoundException(StreamName stream, String message) {
		super(message);
		this.stream = stream;
	}

	/**
	 * Returns the missing stream.
	 * @return the stream
	 */
	public StreamName getStream() {
		return this.stream;
	}

}
