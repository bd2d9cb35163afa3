package io.eventhorizon.core;

/**
 * Thrown when a commit has no events: every entry of a stream holds at least one.
 *
 * @since 0.1.0
 */
public class EmptyCommitException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public EmptyCommitException() {
		super("A commit needs at least one event; refusing an empty one");
	}

}
