package io.eventhorizon.cli;

import java.util.concurrent.Callable;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code snapshots delete STREAM PERSPECTIVE} command: deletes a snapshot, with its
 * chunks when it is split, as the application's store does; the application then reads the
 * stream from the beginning. Deleting a snapshot that is not there fails, naming it, so
 * that a mistyped perspective does not pass for done.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Deletes a snapshot (with its chunks); exits with 1 when there is none.")
class SnapshotsDeleteCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private SnapshotKeyOptions key;

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName name = this.key.stream();
		SnapshotPerspective parsed = this.key.perspective();
		try (DynamoDbClient client = cli.newClient()) {
			if (!new DynamoDbSnapshotStore(client, cli.tableNames().snapshots()).delete(name, parsed)) {
				throw new IllegalArgumentException("No snapshot " + parsed + " of " + name + " to delete");
			}
		}
		this.spec.commandLine().getOut().println("Deleted snapshot " + parsed + " of " + name);
		return 0;
	}

}
