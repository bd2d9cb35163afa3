package io.eventhorizon.cli;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import picocli.CommandLine.Parameters;

/**
 * The {@code STREAM PERSPECTIVE} parameters of the commands that work on one snapshot,
 * parsed by the core so that a bad value fails with the core's own message, naming it.
 * <p>
 * Not thread-safe: picocli sets it once, before the command runs.
 */
final class SnapshotKeyOptions {

	@Parameters(index = "0", paramLabel = "STREAM", description = "The stream, for example /accounts/42.")
	private String stream = "";

	@Parameters(index = "1", paramLabel = "PERSPECTIVE", description = "The perspective, appId:version.")
	private String perspective = "";

	/**
	 * Returns the stream given.
	 * @return the stream
	 * @throws io.eventhorizon.core.InvalidStreamNameException if it is no valid stream name
	 */
	StreamName stream() {
		return StreamName.of(this.stream);
	}

	/**
	 * Returns the perspective given.
	 * @return the perspective
	 * @throws IllegalArgumentException if it is not {@code appId:version}
	 */
	SnapshotPerspective perspective() {
		return SnapshotPerspective.parse(this.perspective);
	}

}
