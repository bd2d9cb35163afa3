package io.eventhorizon.spring.observation;

import io.eventhorizon.core.Cursor;

/**
 * The context of a {@link EventHorizonObservationDocumentation#COMMAND_ATTEMPT command
 * attempt}'s observation; its cursor is the one the attempt validated at.
 * <p>
 * Not thread-safe: filled by the thread that runs the attempt.
 *
 * @since 0.1.0
 */
public class CommandAttemptObservationContext extends EventHorizonObservationContext {

	private final String command;

	private final String processors;

	/**
	 * Creates the context.
	 * @param command the command: {@code Class.method} or the aggregate type's name
	 * @param processors the names of the processors it validates against, joined by commas
	 * @param validated the cursor of its (first) processor, which the attempt validates at
	 */
	public CommandAttemptObservationContext(String command, String processors, Cursor validated) {
		super(validated.stream(), validated);
		this.command = command;
		this.processors = processors;
	}

	/**
	 * Returns the command.
	 * @return {@code Class.method} or the aggregate type's name
	 */
	public String getCommand() {
		return this.command;
	}

	/**
	 * Returns the processors the command validates against.
	 * @return their names, joined by commas
	 */
	public String getProcessors() {
		return this.processors;
	}

}
