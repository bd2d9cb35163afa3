package io.eventhorizon.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A failure and its causes, each once: a cause chain may loop back on itself.
 */
final class CauseChain {

	private CauseChain() {
	}

	/**
	 * Returns {@code failure} followed by its causes, outermost first.
	 * @param failure the failure
	 * @return the chain
	 */
	static List<Throwable> of(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

}
