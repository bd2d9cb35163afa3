package io.eventhorizon.core;

/**
 * Thrown when creating a stream that exists already.
 *
 * @since 0.1.0
 */
public class StreamAlreadyExistsException extends EventLogException {

	private static final long serialVersionUID = 1L;

	private final StreamName stream;

	public StreamAlreadyExistsException(StreamName stream) {
		super("Stream " + stream + " already exists");
		this.stream = stream;
	}

	/**
	 * Returns the stream that exists already.
	 * @return the stream
	 */
	public StreamName getStream() {
		return this.stream;
	}

}
