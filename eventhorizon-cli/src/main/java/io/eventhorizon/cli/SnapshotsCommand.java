package io.eventhorizon.cli;

import picocli.CommandLine.Command;

/**
 * The {@code snapshots} command: groups the subcommands that list, show and delete the
 * snapshots of a stream.
 * <p>
 * Thread-safe: it has no state.
 */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
		description = "Lists, shows or deletes the snapshots of a stream.",
		subcommands = { SnapshotsLsCommand.class, SnapshotsShowCommand.class, SnapshotsDeleteCommand.class })
class SnapshotsCommand {

}
