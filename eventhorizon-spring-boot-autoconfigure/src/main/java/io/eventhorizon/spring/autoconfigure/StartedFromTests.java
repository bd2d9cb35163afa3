package io.eventhorizon.spring.autoconfigure;

import java.util.List;

/**
 * Tells whether the current thread was started by a test framework, by the frames on its
 * stack; the same check Spring Boot's DevTools makes to stay off in tests. A test
 * that starts an application on a thread of its own is, for this check, outside tests.
 */
final class StartedFromTests {

	private static final List<String> TEST_FRAMEWORK_PACKAGES = List.of("org.junit.runners.", "org.junit.platform.",
			"org.springframework.boot.test.", "cucumber.runtime.");

	private StartedFromTests() {
	}

	static boolean currentThread() {
		for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
			for (String testPackage : TEST_FRAMEWORK_PACKAGES) {
				if (frame.getClassName().startsWith(testPackage)) {
					return true;
				}
			}
		}
		return false;
	}

}
