package io.eventhorizon.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbSnapshotStore;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code snapshots show STREAM PERSPECTIVE} command: reads a snapshot as an application
 * would (a split one only when all its chunks match its manifest) and prints its cursor and
 * its data, pretty-printed when it is JSON, as a size only when it is binary.
 * <p>
 * Not thread-safe: picocli sets its fields, then calls it once.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "Shows a snapshot's cursor and data (JSON pretty-printed, binary as its size).")
class SnapshotsShowCommand implements Callable<Integer> {

	private static final JsonMapper JSON = ExactNumbers.mapperBuilder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions output;

	@Mixin
	private SnapshotKeyOptions key;

	@Override
	public Integer call() {
		EventHorizonCli cli = EventHorizonCli.of(this.spec);
		StreamName name = this.key.stream();
		SnapshotPerspective parsed = this.key.perspective();
		Output out = Output.of(this.spec, this.output);
		Optional<Snapshot> found;
		try (DynamoDbClient client = cli.newClient()) {
			found = new DynamoDbSnapshotStore(client, cli.tableNames().snapshots()).read(name, parsed);
		}
		Snapshot snapshot = found.orElseThrow(() -> new IllegalArgumentException(
				"No snapshot " + parsed + " of " + name + " (or one whose chunks are incomplete)"));
		byte[] data = snapshot.data();
		JsonNode json = jsonOrNull(data);
		if (out.json()) {
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("perspective", parsed.toString());
			shown.put("cursor", snapshot.cursor().toString());
			shown.put("bytes", data.length);
			if (json != null) {
				shown.put("json", json);
			}
			else {
				shown.put("base64", Base64.getEncoder().encodeToString(data));
			}
			out.printJson(shown);
		}
		else {
			out.out().println("cursor: " + snapshot.cursor());
			out.out().println("bytes:  " + data.length + ((json != null) ? " (JSON)" : " (binary)"));
			if (json != null) {
				out.out().println(JSON.writeValueAsString(json));
			}
		}
		return 0;
	}

	private static @Nullable JsonNode jsonOrNull(byte[] data) {
		try {
			// Strict decoding first: Jackson would read some invalid UTF-8 without a word.
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
			JsonNode node = JSON.readTree(text);
			return (node == null || node.isMissingNode()) ? null : node;
		}
		catch (CharacterCodingException | JacksonException ex) {
			return null;
		}
	}

}
