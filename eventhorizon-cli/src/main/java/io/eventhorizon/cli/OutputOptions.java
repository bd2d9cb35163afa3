package io.eventhorizon.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of the commands that print what they find: one JSON document
 * per line for scripts, instead of aligned text for people.
 * <p>
 * Not thread-safe: picocli sets it once, before the command runs.
 */
final class OutputOptions {

	@Option(names = "--json", description = "Prints one JSON document per line, for scripts.")
	boolean json;

}
