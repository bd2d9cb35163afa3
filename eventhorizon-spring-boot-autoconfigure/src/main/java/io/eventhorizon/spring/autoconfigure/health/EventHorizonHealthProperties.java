package io.eventhorizon.spring.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of EventHorizon's health indicator ({@code management.health.eventhorizon.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.eventhorizon")
public class EventHorizonHealthProperties {

	/**
	 * How many failed syncs in a row make a processor, and the application, DOWN.
	 */
	private int maxConsecutiveFailures = 3;

	/**
	 * How long a processor may go without reaching realtime before it counts as stuck
	 * (DOWN).
	 */
	private Duration stuckAfter = Duration.ofMinutes(5);

	public int getMaxConsecutiveFailures() {
		return this.maxConsecutiveFailures;
	}

	public void setMaxConsecutiveFailures(int maxConsecutiveFailures) {
		this.maxConsecutiveFailures = maxConsecutiveFailures;
	}

	public Duration getStuckAfter() {
		return this.stuckAfter;
	}

	public void setStuckAfter(Duration stuckAfter) {
		this.stuckAfter = stuckAfter;
	}

}
