package io.eventhorizon.spring.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.eventhorizon.dynamodb.DynamoDbTableNames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property is documented in the configuration metadata, with its default.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		List<Map<String, Object>> properties = properties();

		assertThat(properties).hasSizeGreaterThan(20)
			.allSatisfy((property) -> assertThat(property.get("description")).as("%s", property.get("name"))
				.isInstanceOf(String.class));
	}

	@Test
	void defaultsAreListed() throws Exception {
		Map<String, Object> defaults = new HashMap<>();
		properties().forEach((property) -> defaults.put((String) property.get("name"), property.get("defaultValue")));

		assertThat(defaults).containsEntry("eventhorizon.store", "in-memory")
			.containsEntry("eventhorizon.dynamodb.events-table", DynamoDbTableNames.DEFAULT_EVENTS)
			.containsEntry("eventhorizon.dynamodb.snapshots-table", DynamoDbTableNames.DEFAULT_SNAPSHOTS)
			.containsEntry("eventhorizon.dynamodb.create-tables", false)
			.containsEntry("eventhorizon.synchronizer.poll-interval", "1s")
			.containsEntry("eventhorizon.append.max-attempts", 4);
	}

	@Test
	void theConfigurationReferenceListsEveryPropertyWithItsDefault() throws Exception {
		List<String> rows = Files.readAllLines(Path.of("../docs/configuration.md"));

		assertThat(properties()).allSatisfy((property) -> {
			String name = (String) property.get("name");
			assertThat(rows).as(name)
				.anySatisfy((row) -> {
					assertThat(row).startsWith("| `" + name + "` |");
					if (property.get("defaultValue") != null) {
						assertThat(row.split("\\|")[2]).contains("`" + property.get("defaultValue") + "`");
					}
				});
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> properties() throws Exception {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			Map<String, Object> json = JsonMapper.builder().build().readValue(metadata, Map.class);
			return ((List<Map<String, Object>>) json.get("properties")).stream()
				.filter((property) -> ((String) property.get("name")).startsWith("eventhorizon."))
				.toList();
		}
	}

}
