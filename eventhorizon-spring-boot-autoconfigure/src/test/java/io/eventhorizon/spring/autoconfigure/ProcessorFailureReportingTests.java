package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.eventhorizon.event.EventType;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHandlerFailedException;
import io.eventhorizon.spring.EventHorizonSynchronizer;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.autoconfigure.health.EventHorizonHealthContributorAutoConfiguration;
import io.eventhorizon.spring.health.EventHorizonHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A single-stream {@code @EventProcessor} whose handler keeps failing, as the synchronizer
 * retries it: the log and health name the processor, the entry and the event type; the
 * stack trace is logged once per distinct failure, not once per retry. One scenario per
 * method.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProcessorFailureReportingTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final String RETRIED = "Syncs of processor 'diary' failed again";

	private static final String HANDLER_FRAME = "at " + Diary.class.getName() + ".on(";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class,
				EventHorizonHealthContributorAutoConfiguration.class))
		.withBean("diary", Diary.class)
		.withPropertyValues("eventhorizon.synchronizer.poll-interval=5ms", "eventhorizon.synchronizer.max-backoff=10ms");

	@BeforeEach
	void logTheRetriesToo() {
		synchronizerLogLevel(Level.DEBUG);
	}

	@AfterEach
	void logAsConfigured() {
		synchronizerLogLevel(null);
	}

	@Test
	void theFirstFailureIsLoggedWithTheEntryTheEventTypeAndItsStackTraceOnce(CapturedOutput output) {
		this.runner.run((context) -> {
			Diary diary = context.getBean(Diary.class);
			diary.failure = () -> new NullPointerException("no page for the note");
			context.getBean(EventHorizonTemplate.class).append("/diary", new Written("a"));

			// The synchronizer retries; appends also offer the entry, which is no retry.
			await().atMost(PATIENCE).until(() -> count(output, RETRIED) >= 3);
		});

		String warning = output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("Syncs of processor 'diary' failed:"))
			.findFirst()
			.orElseThrow();
		assertThat(warning).contains(EventHandlerFailedException.class.getName())
			.contains("/diary@1")
			.contains(Written.class.getName())
			.contains("java.lang.NullPointerException: no page for the note");
		assertThat(count(output, HANDLER_FRAME)).as("one stack trace across the retries").isEqualTo(1);
		assertThat(count(output, RETRIED)).as("one line per retry").isGreaterThanOrEqualTo(3);
	}

	@Test
	void aDifferentFailureLaterLogsItsStackTraceAgain(CapturedOutput output) {
		this.runner.run((context) -> {
			Diary diary = context.getBean(Diary.class);
			diary.failure = () -> new NullPointerException("no page for the note");
			context.getBean(EventHorizonTemplate.class).append("/diary", new Written("a"));
			await().atMost(PATIENCE).until(() -> count(output, RETRIED) >= 2);

			diary.failure = () -> new IllegalArgumentException("the ink ran dry");

			await().atMost(PATIENCE).until(() -> count(output, RETRIED + " (", "the ink ran dry") >= 2);
		});

		assertThat(count(output, HANDLER_FRAME)).as("one stack trace per distinct failure").isEqualTo(2);
		assertThat(output.getOut()).contains("Syncs of processor 'diary' failed differently")
			.contains("java.lang.IllegalArgumentException: the ink ran dry");
	}

	@Test
	void healthsLastErrorNamesTheEntryAndTheEventType() {
		this.runner.run((context) -> {
			context.getBean(Diary.class).failure = () -> new NullPointerException("no page for the note");
			context.getBean(EventHorizonTemplate.class).append("/diary", new Written("a"));
			EventHorizonHealthIndicator indicator = context.getBean(EventHorizonHealthIndicator.class);

			await().atMost(PATIENCE).until(() -> indicator.health(true).getStatus().equals(Status.DOWN));

			@SuppressWarnings("unchecked")
			Map<String, Object> processors = (Map<String, Object>) indicator.health(true).getDetails().get("processors");
			@SuppressWarnings("unchecked")
			Map<String, Object> diary = (Map<String, Object>) processors.get("diary");
			assertThat((String) diary.get("lastError")).contains("/diary@1")
				.contains(Written.class.getName())
				.contains("java.lang.NullPointerException: no page for the note");
		});
	}

	private static long count(CapturedOutput output, String... texts) {
		return output.getOut().lines().filter((line) -> Arrays.stream(texts).allMatch(line::contains)).count();
	}

	private static void synchronizerLogLevel(Level level) {
		((Logger) LoggerFactory.getLogger(EventHorizonSynchronizer.class)).setLevel(level);
	}

	@EventType("diary.Written")
	record Written(String text) {
	}

	/** Nothing kept; fails as told. */
	@EventProcessor(stream = "/diary")
	static class Diary {

		volatile Supplier<RuntimeException> failure = () -> null;

		@EventHandler
		void on(Written written) {
			RuntimeException failure = this.failure.get();
			if (failure != null) {
				throw failure;
			}
		}

	}

}
