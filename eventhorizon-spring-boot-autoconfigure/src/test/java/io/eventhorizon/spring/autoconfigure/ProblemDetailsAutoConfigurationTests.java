package io.eventhorizon.spring.autoconfigure;

import java.time.Duration;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.spring.autoconfigure.web.EventHorizonWebAutoConfiguration;
import io.eventhorizon.spring.web.EventHorizonProblemDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code eventhorizon.web.problem-details.enabled=true}, a Spring MVC application answers
 * a command that lost every race, or whose outcome is unknown, with 503, {@code Retry-After}
 * and problem details instead of a 500; off by default, replaceable, and absent outside
 * Spring MVC. One scenario per method.
 */
class ProblemDetailsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonWebAutoConfiguration.class))
		.withUserConfiguration(Commands.class);

	@Test
	void aCommandThatLostEveryRaceAnswers503WithRetryAfterAndAProblemType() {
		this.runner.withPropertyValues("eventhorizon.web.problem-details.enabled=true").run((context) -> {
			mvc(context).perform(post("/exhausted"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "1"))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("/problems/concurrency-conflict"))
				.andExpect(jsonPath("$.status").value(503))
				.andExpect(jsonPath("$.detail").value(containsString("Idempotency-Key")));
		});
	}

	@Test
	void aCommandWhoseOutcomeIsUnknownAnswers503WithItsOwnProblemType() {
		this.runner.withPropertyValues("eventhorizon.web.problem-details.enabled=true").run((context) -> {
			mvc(context).perform(post("/unknown"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "1"))
				.andExpect(jsonPath("$.type").value("/problems/outcome-unknown"))
				.andExpect(jsonPath("$.detail").value(not(containsString("/bank"))));
		});
	}

	@Test
	void retryAfterIsSentInWholeSecondsRoundedUp() {
		this.runner
			.withPropertyValues("eventhorizon.web.problem-details.enabled=true",
					"eventhorizon.web.problem-details.retry-after=1500ms")
			.run((context) -> mvc(context).perform(post("/exhausted"))
				.andExpect(header().string("Retry-After", "2")));
	}

	@Test
	void withoutThePropertyTheApplicationKeepsItsOwnMapping() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonProblemDetails.class));
	}

	@Test
	void anApplicationsOwnHandlerReplacesIt() {
		this.runner.withPropertyValues("eventhorizon.web.problem-details.enabled=true")
			.withBean("myProblems", EventHorizonProblemDetails.class,
					() -> new EventHorizonProblemDetails(Duration.ofSeconds(7)))
			.run((context) -> {
				assertThat(context).hasSingleBean(EventHorizonProblemDetails.class).hasBean("myProblems");
				mvc(context).perform(post("/exhausted")).andExpect(header().string("Retry-After", "7"));
			});
	}

	@Test
	void outsideSpringMvcThereIsNoHandler() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventHorizonWebAutoConfiguration.class))
			.withPropertyValues("eventhorizon.web.problem-details.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(EventHorizonProblemDetails.class));
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	/** Commands that fail as EventHorizon's do, in Spring MVC with its JSON converters. */
	@RestController
	@EnableWebMvc
	static class Commands {

		@PostMapping("/exhausted")
		void exhausted() {
			StreamName bank = StreamName.of("/bank");
			throw new TransactWriteExhaustedException(4, new OptimisticLockingException(bank.at(41), bank.at(42)));
		}

		@PostMapping("/unknown")
		void unknown() {
			throw new AppendOutcomeUnknownException(StreamName.of("/bank").at(42), new IllegalStateException("lost"));
		}

	}

}
