package io.eventhorizon.spring;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamAlreadyExistsException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.core.StreamNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the streams an application needs at startup, with their missing parents.
 */
final class Streams {

	private static final Logger logger = LoggerFactory.getLogger(Streams.class);

	private Streams() {
	}

	static void createWithParents(EventLog eventLog, StreamName stream) {
		if (stream.isRoot()) {
			return;
		}
		try {
			eventLog.head(stream);
			return;
		}
		catch (StreamNotFoundException ex) {
			// Create it below.
		}
		createWithParents(eventLog, stream.parent().orElseThrow());
		try {
			eventLog.createStream(stream);
			logger.info("Created stream {}", stream);
		}
		catch (StreamAlreadyExistsException ex) {
			// Another instance was faster.
		}
	}

}
