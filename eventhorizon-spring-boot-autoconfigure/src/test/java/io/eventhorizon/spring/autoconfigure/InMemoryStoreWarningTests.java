package io.eventhorizon.spring.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.inmemory.InMemoryEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that forgets {@code eventhorizon.store} is told, at WARN, that its events
 * live in memory. "Outside tests" is decided by the starting thread's stack (as Spring
 * Boot's DevTools does: no JUnit or Spring Boot test support frames), so these tests start
 * their applications as a {@code main} would, on threads of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class InMemoryStoreWarningTests {

	private static final String WARNING = "they will be lost at shutdown";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void anApplicationThatForgotTheStoreIsWarnedThatItsEventsWillBeLost(CapturedOutput output) throws Exception {
		startOutsideTests();

		assertThat(output).contains("WARN").contains(WARNING).contains("eventhorizon.store=dynamodb");
	}

	@Test
	void anApplicationThatChoseTheInMemoryStoreIsNotWarned(CapturedOutput output) throws Exception {
		startOutsideTests("eventhorizon.store=in-memory");

		assertThat(output).doesNotContain(WARNING).contains("EventHorizon keeps events in memory");
	}

	@Test
	void testsAreNotWarned(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasSingleBean(InMemoryEventLog.class));

		assertThat(output).doesNotContain(WARNING);
	}

	// Like an application's main: a thread of its own, and no test support on its stack.
	private static void startOutsideTests(String... properties) throws Exception {
		CompletableFuture<Void> started = new CompletableFuture<>();
		Thread application = new Thread(() -> {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
				.web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "eventhorizon.synchronizer.enabled=false",
						"logging.level.io.eventhorizon.spring.autoconfigure=info")
				.properties(properties)
				.run()) {
				assertThat(context.getBean(EventLog.class)).isInstanceOf(InMemoryEventLog.class);
				started.complete(null);
			}
			catch (Throwable ex) {
				started.completeExceptionally(ex);
			}
		}, "application-main");
		application.start();
		started.get(60, TimeUnit.SECONDS);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EventHorizonAutoConfiguration.class)
	static class PlainApplication {

	}

}
