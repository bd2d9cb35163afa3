package io.eventhorizon.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.eventhorizon.core.StreamName;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code export [PARENT]} command: writes every item of the events table in a stream
 * tree as a line of DynamoDB JSON ({@link ItemJsonLine}), raw bytes included, for
 * {@code import} to copy into other tables. The items come in the order of a scan, which
 * is no order at all ({@code import} needs none), then those the scan missed while
 * applications wrote, read by an {@link ExportFrontier} until the copy is consistent: every
 * stream copied is announced in its copied parent and every announcement copied has its
 * child. Memory grows with the number of streams, not of entries.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = "Writes the items of a stream tree (the whole table by default), raw bytes included, "
				+ "as lines of DynamoDB JSON for import into other tables.")
class ExportCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "PARENT", arity = "0..1", defaultValue = "/",
			description = "The top of the tree to export (default: ${DEFAULT-VALUE}, the whole table).")
	private String parent = "/";

	@Option(names = { "-o", "--output" }, paramLabel = "FILE",
			description = "The file to write, in place of the standard output; it appears only once complete.")
	private @Nullable Path output;

	@Override
	public Integer call() throws IOException {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName tree = StreamName.of(this.parent);
		try (DynamoDbClient client = cli.newClient()) {
			EventItems items = new EventItems(client, cli.tableNames().events());
			if (this.output == null) {
				export(items, tree, this.spec.commandLine().getOut());
			}
			else {
				exportToFile(items, tree, this.output);
			}
		}
		return 0;
	}

	private void exportToFile(EventItems items, StreamName tree, Path file) throws IOException {
		// Written beside the file, then moved: an interrupted export leaves no file that looks complete.
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
			export(items, tree, writer);
		}
		catch (IOException ex) {
			Files.deleteIfExists(partial);
			throw new UncheckedIOException("Could not write the export to '" + file + "': " + ex, ex);
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private void export(EventItems items, StreamName tree, Writer out) {
		try (Progress progress = Progress.of(this.spec, "items", items.approximateCount());
				Stream<Map<String, AttributeValue>> scan = items.scan(tree)) {
			ExportFrontier frontier = new ExportFrontier(items, tree, (item) -> {
				writeLine(out, item);
				progress.advance(1);
			});
			scan.forEach(frontier::scanned);
			frontier.close();
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the export: " + ex.getMessage(), ex);
		}
	}

	private static void writeLine(Writer out, Map<String, AttributeValue> item) {
		try {
			out.write(ItemJsonLine.encode(item));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the export: " + ex.getMessage(), ex);
		}
	}

}
