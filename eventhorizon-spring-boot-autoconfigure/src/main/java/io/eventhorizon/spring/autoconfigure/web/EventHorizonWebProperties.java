package io.eventhorizon.spring.autoconfigure.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of EventHorizon's Spring MVC support ({@code eventhorizon.web.*}). Bound
 * once at startup; not thread-safe.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("eventhorizon.web")
public class EventHorizonWebProperties {

	private final ProblemDetails problemDetails = new ProblemDetails();

	public ProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	/**
	 * The problem details answered for EventHorizon's failures.
	 */
	public static class ProblemDetails {

		/**
		 * Whether to answer a command that lost every race, or whose outcome is unknown, with
		 * 503 problem details and Retry-After instead of a 500 (Spring MVC only).
		 */
		private boolean enabled;

		/**
		 * How long clients are told to wait before sending the request again (Retry-After,
		 * in whole seconds, rounded up).
		 */
		private Duration retryAfter = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

}
