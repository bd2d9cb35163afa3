package io.eventhorizon.cli;

import picocli.CommandLine.Command;

/**
 * The {@code streams} command: groups the subcommands that look at the tree of streams.
 * <p>
 * Thread-safe: it has no state.
 */
@Command(name = "streams", mixinStandardHelpOptions = true, description = "Looks at the tree of streams.",
		subcommands = { StreamsListCommand.class })
class StreamsCommand {

}
