package io.eventhorizon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.eventhorizon.dynamodb.DynamoDbTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code import FILE|-} command: puts the items of an {@code export} into the events
 * table, each only where no item of its key is ({@code attribute_not_exists(s)}). An item
 * already there with exactly the same attributes is counted and passed, so that a run
 * interrupted, or run twice, or beside another import of the same file, resumes and ends
 * with every item once; an item there with other content stops the import, overwritten
 * never. A file is checked whole before its first item is written; the standard input,
 * which can be read once only, is checked line by line as it is imported.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Puts the items of an export into the events table, never overwriting one: items already "
				+ "there, identical, are passed, so an interrupted import can be run again.")
class ImportCommand implements Callable<Integer> {

	private static final String STDIN = "-";

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions outputOptions;

	@Parameters(paramLabel = "FILE",
			description = "The export to import, lines of DynamoDB JSON; - for the standard input.")
	private String file = STDIN;

	private long written;

	private long alreadyThere;

	@Override
	public Integer call() throws IOException {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		String table = cli.tableNames().events();
		try (DynamoDbClient client = cli.newClient()) {
			new DynamoDbTables(client, cli.tableNames()).verify();
			if (STDIN.equals(this.file)) {
				try (Progress progress = Progress.of(this.spec, "items", 0)) {
					readItems(cli.in(), "the standard input", (item) -> put(client, table, item, progress));
				}
			}
			else {
				Path path = Path.of(this.file);
				if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
					throw new IllegalArgumentException("Cannot read the export '" + this.file + "': no such file");
				}
				long items = readItems(Files.newInputStream(path), this.file, (item) -> {
				});
				try (Progress progress = Progress.of(this.spec, "items", items)) {
					readItems(Files.newInputStream(path), this.file, (item) -> put(client, table, item, progress));
				}
			}
		}
		printSummary(table);
		return 0;
	}

	private long readItems(InputStream input, String source, Consumer<Map<String, AttributeValue>> action)
			throws IOException {
		long lineNumber = 0;
		long items = 0;
		// A decoder that reports bad bytes, where a reader's default would replace them unseen.
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()))) {
			while (true) {
				String line;
				try {
					line = reader.readLine();
				}
				catch (CharacterCodingException ex) {
					throw malformed(source, lineNumber + 1, "not UTF-8");
				}
				if (line == null) {
					return items;
				}
				lineNumber++;
				if (line.isBlank()) {
					continue;
				}
				Map<String, AttributeValue> item;
				try {
					item = ItemJsonLine.decode(line);
				}
				catch (IllegalArgumentException ex) {
					throw malformed(source, lineNumber, ex.getMessage());
				}
				action.accept(item);
				items++;
			}
		}
	}

	private MalformedImportLineException malformed(String source, long lineNumber, String problem) {
		return new MalformedImportLineException(source, lineNumber, problem, this.written == 0);
	}

	private void put(DynamoDbClient client, String table, Map<String, AttributeValue> item,
			Progress progress) {
		PutItemRequest put = PutItemRequest.builder()
			.tableName(table)
			.item(item)
			.conditionExpression("attribute_not_exists(#s)")
			.expressionAttributeNames(Map.of("#s", EventItems.STREAM))
			.build();
		while (true) {
			try {
				client.putItem(put);
				this.written++;
				break;
			}
			catch (ConditionalCheckFailedException ex) {
				GetItemResponse existing = client.getItem((get) -> get.tableName(table)
					.key(Map.of(EventItems.STREAM, item.get(EventItems.STREAM), EventItems.VERSION,
							item.get(EventItems.VERSION)))
					.consistentRead(true));
				if (!existing.hasItem() || existing.item().isEmpty()) {
					// Deleted between the put and the get: put again.
					continue;
				}
				if (!sameItem(existing.item(), item)) {
					throw new ImportConflictException(ItemJsonLine.key(item), table, this.written);
				}
				this.alreadyThere++;
				break;
			}
		}
		progress.advance(1);
	}

	// DynamoDB stores a number's value, not its spelling ("1.0" comes back as "1"), so numbers
	// are compared by value; every other attribute exactly.
	private static boolean sameItem(Map<String, AttributeValue> existing, Map<String, AttributeValue> imported) {
		if (!existing.keySet().equals(imported.keySet())) {
			return false;
		}
		for (Map.Entry<String, AttributeValue> attribute : imported.entrySet()) {
			AttributeValue there = existing.get(attribute.getKey());
			AttributeValue value = attribute.getValue();
			boolean same = (there.n() != null && value.n() != null)
					? new BigDecimal(there.n()).compareTo(new BigDecimal(value.n())) == 0 : there.equals(value);
			if (!same) {
				return false;
			}
		}
		return true;
	}

	private void printSummary(String table) {
		Output output = Output.of(this.spec, this.outputOptions);
		if (output.json()) {
			Map<String, Object> summary = new LinkedHashMap<>();
			summary.put("table", table);
			summary.put("written", this.written);
			summary.put("alreadyThere", this.alreadyThere);
			output.printJson(summary);
		}
		else {
			output.out()
				.println("Imported " + (this.written + this.alreadyThere) + " items into " + table + ": "
						+ this.written + " written, " + this.alreadyThere + " already there.");
		}
	}

}
