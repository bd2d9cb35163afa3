package io.eventhorizon.cli;

import picocli.CommandLine.Command;

/**
 * The {@code tables} command: groups the subcommands that create and describe the tables.
 * <p>
 * Thread-safe: it has no state.
 */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "Creates or describes the tables.",
		subcommands = { TablesCreateCommand.class, TablesDescribeCommand.class })
class TablesCommand {

}
