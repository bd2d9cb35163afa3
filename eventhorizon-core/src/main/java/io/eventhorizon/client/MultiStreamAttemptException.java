package io.eventhorizon.client;

import io.eventhorizon.core.StreamName;

/**
 * Thrown when one attempt of a command appends to a second stream. An attempt commits one
 * entry to one stream, so that it is written whole or not at all: without transactions
 * across streams, a second stream's entry could be written while the first one's loses
 * its race. Split the command, or let a processor of the first stream carry the effect to
 * the other one. Nothing of the attempt was written.
 *
 * @since 0.1.0
 */
public class MultiStreamAttemptException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final StreamName first;

	private final StreamName second;

	public MultiStreamAttemptException(StreamName first, StreamName second) {
		super("An attempt commits one entry to one stream, but it appended to " + first + " and then to " + second
				+ "; nothing was written. Split the command, or let a processor of " + first
				+ " carry the effect to " + second);
		this.first = first;
		this.second = second;
	}

	/**
	 * Returns the stream the attempt appended to first.
	 * @return the first stream
	 */
	public StreamName getFirst() {
		return this.first;
	}

	/**
	 * Returns the other stream it tried to append to.
	 * @return the second stream
	 */
	public StreamName getSecond() {
		return this.second;
	}

}
