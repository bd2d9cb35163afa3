package io.eventhorizon.sample;

import io.eventhorizon.spring.EventHorizonSynchronizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycles start in ascending and stop in descending phase order: the synchronizer's
 * phase below the web server's makes it run before the first request and until the last
 * request of a graceful shutdown has finished.
 */
class SynchronizerLifecycleTests {

	@Test
	void theSynchronizerStartsBeforeTheWebServerAcceptsRequests() {
		assertThat(EventHorizonSynchronizer.PHASE).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	@Test
	void theSynchronizerStopsOnlyAfterTheGracefulShutdownAndTheWebServerHaveStopped() {
		assertThat(EventHorizonSynchronizer.PHASE).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
			.isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
	}

}
