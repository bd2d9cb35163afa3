package io.eventhorizon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata a native image needs, which picocli-codegen writes at compile time: every
 * command, and every field an option or parameter sets, is open to reflection. No GraalVM
 * runs here, so this is what keeps {@code docs/cli.md}'s native build from losing a command.
 */
class NativeImageMetadataTests {

	private static final String REFLECT_CONFIG = "/META-INF/native-image/picocli-generated/io.eventhorizon/"
			+ "eventhorizon-cli/reflect-config.json";

	@Test
	void everyCommandAndEveryOptionFieldIsOpenToReflection() throws IOException {
		Set<String> reflected = reflectedClassesAndFields();
		List<String> needed = new ArrayList<>();
		collect(EventHorizonCli.commandLine(), needed);

		assertThat(needed).as("commands and option fields of the tree")
			.contains(CreateStreamCommand.class.getName(), EventHorizonCli.class.getName() + "#endpoint");
		assertThat(reflected).containsAll(needed);
	}

	private static void collect(CommandLine command, List<String> needed) {
		CommandSpec spec = command.getCommandSpec();
		needed.add(spec.userObject().getClass().getName());
		for (ArgSpec arg : spec.args()) {
			if (arg.userObject() instanceof java.lang.reflect.Field field
					&& !field.getDeclaringClass().getName().startsWith("picocli.")) {
				needed.add(field.getDeclaringClass().getName() + "#" + field.getName());
			}
		}
		command.getSubcommands().values().stream().distinct().forEach((sub) -> collect(sub, needed));
	}

	private static Set<String> reflectedClassesAndFields() throws IOException {
		Set<String> reflected = new HashSet<>();
		try (InputStream config = NativeImageMetadataTests.class.getResourceAsStream(REFLECT_CONFIG)) {
			assertThat(config).as(REFLECT_CONFIG).isNotNull();
			for (JsonNode type : JsonMapper.builder().build().readTree(config)) {
				String name = type.get("name").asString();
				reflected.add(name);
				JsonNode fields = type.get("fields");
				if (fields != null) {
					fields.forEach((field) -> reflected.add(name + "#" + field.get("name").asString()));
				}
			}
		}
		return reflected;
	}

}
