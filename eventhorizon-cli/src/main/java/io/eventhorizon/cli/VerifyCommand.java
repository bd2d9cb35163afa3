package io.eventhorizon.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.eventhorizon.core.StreamName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code verify [PARENT]} command: checks the consistency of the whole store or of a
 * subtree from a strongly consistent scan of the events table's items (see
 * {@link StoreCheck}), prints the damage found and exits {@value #DAMAGED} when there is any.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = { "Checks the store or a subtree: versions contiguous from 0, every @0 a $stream.Started, "
				+ "every stream announced in its parent, every entry decodable, no creation pending for more than "
				+ "a minute.", "Exits 0 when clean, " + VerifyCommand.DAMAGED + " when damaged, 1 when it fails." })
class VerifyCommand implements Callable<Integer> {

	/** The exit code when damage was found; 1 is for a check that could not run. */
	static final int DAMAGED = 3;

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions outputOptions = new OutputOptions();

	@Parameters(paramLabel = "PARENT", arity = "0..1", defaultValue = "/",
			description = "The top of the subtree to check (default: the root, the whole store).")
	private String parent = "/";

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName tree = StreamName.of(this.parent);
		Output output = Output.of(this.spec, this.outputOptions);
		StoreReport report;
		try (DynamoDbClient client = cli.newClient()) {
			EventItems items = new EventItems(client, cli.tableNames().events());
			StoreCheck check = new StoreCheck(cli.clock());
			try (Progress progress = Progress.of(this.spec, "items", items.approximateCount());
					Stream<Map<String, AttributeValue>> scanned = items.scan(tree)) {
				scanned.forEach((item) -> {
					check.check(item);
					progress.advance(1);
				});
			}
			report = check.report(items::query);
		}
		if (report.streams() == 0) {
			throw new IllegalArgumentException("Nothing to verify: no stream " + tree + " in table "
					+ cli.tableNames().events());
		}
		if (output.json()) {
			printJson(output, report);
		}
		else {
			print(output, tree, report);
		}
		return report.clean() ? 0 : DAMAGED;
	}

	private static void printJson(Output output, StoreReport report) {
		for (Damage damage : report.damage()) {
			output.printJson(document("damage", damage.kind(), "at", damage.at(), "detail", damage.detail()));
		}
		for (CreationInProgress creation : report.creationsInProgress()) {
			output.printJson(document("creationInProgress", creation.at(), "ageSeconds", creation.age().toSeconds()));
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("clean", report.clean());
		summary.put("streams", report.streams());
		summary.put("entries", report.entries());
		summary.put("kinds", report.kinds()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((kind) -> String.valueOf(kind.getKey()), Map.Entry::getValue,
					(first, second) -> first, LinkedHashMap::new)));
		summary.put("encryptedNotChecked", report.encrypted());
		summary.put("creationsInProgress", report.creationsInProgress().size());
		summary.put("damage", report.damage().size());
		output.printJson(document("summary", summary));
	}

	private static String counted(long count, String one) {
		return counted(count, one, one + "s");
	}

	private static String counted(long count, String one, String many) {
		return count + " " + ((count == 1) ? one : many);
	}

	// Fields in the order given, so that scripts and people see the same document every time.
	private static Map<String, Object> document(Object... namesAndValues) {
		Map<String, Object> document = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			document.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return document;
	}

	private static void print(Output output, StreamName tree, StoreReport report) {
		String kinds = report.kinds()
			.entrySet()
			.stream()
			.map((kind) -> "kind " + kind.getKey() + ": " + kind.getValue())
			.collect(Collectors.joining(", "));
		output.out()
			.println("Verified " + tree + ": " + counted(report.streams(), "stream") + ", "
					+ counted(report.entries(), "entry", "entries") + " (" + kinds + ")");
		if (report.encrypted() > 0) {
			output.out().println(report.encrypted() + " encrypted, not checked");
		}
		for (CreationInProgress creation : report.creationsInProgress()) {
			output.out()
				.println("creation in progress: " + creation.at() + ", pending for " + creation.age().toSeconds()
						+ " s (damage after " + StoreCheck.PENDING_GRACE.toSeconds() + " s)");
		}
		if (report.clean()) {
			output.out().println(output.styled("green", "clean"));
			return;
		}
		output.printTable(List.of("DAMAGE", "AT", "DETAIL"), report.damage()
			.stream()
			.map((damage) -> List.of(output.styled("red", damage.kind()), damage.at(), damage.detail()))
			.toList());
		output.out().println(output.styled("red", report.damage().size() + " damaged"));
	}

}
