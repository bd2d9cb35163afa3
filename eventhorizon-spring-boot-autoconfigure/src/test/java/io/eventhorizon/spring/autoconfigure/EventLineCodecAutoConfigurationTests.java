package io.eventhorizon.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.EventProcessorRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One codec writes and reads the stored events, with a JSON mapper of its own: the
 * application's Jackson settings, made for HTTP, change nothing that is stored, and the
 * codec's own customizers change the format for writers and readers alike.
 */
class EventLineCodecAutoConfigurationTests {

	private static final String STORED_PAYLOAD = "{\"fromAccount\":\"a1\",\"toAccount\":\"a2\",\"amount\":5}";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, EventHorizonAutoConfiguration.class))
		.withBean("transfers", Transfers.class)
		.withPropertyValues("eventhorizon.synchronizer.enabled=false", "eventhorizon.create-streams=true");

	@Test
	void withoutJacksonSettingsTheTemplatesAppendIsStoredInTheLineFormatAndRead() {
		this.runner.run((context) -> {
			assertThat(appendAndReadBack(context)).isEqualTo(STORED_PAYLOAD);
			assertThat(context.getBean(Transfers.class).transfers).containsExactly(new Transferred("a1", "a2", 5));
		});
	}

	@Test
	void snakeCaseForHttpChangesNothingThatIsStored() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			assertThat(context.getBean(JsonMapper.class).writeValueAsString(new Transferred("a1", "a2", 5)))
				.as("the application's HTTP mapper")
				.contains("from_account");

			assertThat(appendAndReadBack(context)).isEqualTo(STORED_PAYLOAD);
			assertThat(context.getBean(Transfers.class).transfers).containsExactly(new Transferred("a1", "a2", 5));
		});
	}

	@Test
	void upperCamelCaseForHttpChangesNothingThatIsStored() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE")
			.withBean(JsonMapperBuilderCustomizer.class,
					() -> (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE))
			.run((context) -> {
				assertThat(appendAndReadBack(context)).isEqualTo(STORED_PAYLOAD);
				assertThat(context.getBean(Transfers.class).transfers)
					.containsExactly(new Transferred("a1", "a2", 5));
			});
	}

	@Test
	void theCodecsCustomizersChangeTheFormatForWritersAndReadersAlike() {
		this.runner.withUserConfiguration(UpperCamelCaseThenSnakeCase.class).run((context) -> {
			assertThat(appendAndReadBack(context)).as("the later customizer wins")
				.isEqualTo("{\"from_account\":\"a1\",\"to_account\":\"a2\",\"amount\":5}");
			assertThat(context.getBean(Transfers.class).transfers).containsExactly(new Transferred("a1", "a2", 5));
		});
	}

	@Test
	void theLineFormatsOwnSettingsComeAfterTheCustomizers() {
		this.runner
			.withBean(EventHorizonJsonMapperCustomizer.class,
					() -> (builder) -> builder.enable(SerializationFeature.INDENT_OUTPUT))
			.run((context) -> assertThat(appendAndReadBack(context)).isEqualTo(STORED_PAYLOAD));
	}

	@Test
	void backsOffToTheApplicationsCodecAndReadsWithIt() {
		JsonMapper snakeCase = EventLineCodec
			.lineFormatMapper(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
		this.runner
			.withBean("myCodec", EventLineCodec.class,
					() -> new EventLineCodec(EventTypes.of(Transferred.class), snakeCase))
			.run((context) -> {
				assertThat(context).hasSingleBean(EventLineCodec.class);
				assertThat(appendAndReadBack(context))
					.isEqualTo("{\"from_account\":\"a1\",\"to_account\":\"a2\",\"amount\":5}");
				assertThat(context.getBean(Transfers.class).transfers)
					.containsExactly(new Transferred("a1", "a2", 5));
			});
	}

	// Appends through the template, brings the processor to realtime and returns the stored payload.
	private static String appendAndReadBack(ApplicationContext context) {
		Cursor written = context.getBean(EventHorizonTemplate.class)
			.append("/transfers", new Transferred("a1", "a2", 5));
		context.getBean(EventProcessorRegistry.class).byName("transfers").orElseThrow().reader().loadUntilRealtime();
		LogEntry entry = context.getBean(EventLog.class)
			.read(written.stream().at(written.version() - 1))
			.entries()
			.get(0);
		String line = entry.data().payloadText();
		assertThat(line).startsWith("{\"_\":\"transfer.Made\",\"t\":\"");
		return line.substring(line.indexOf("} ") + 2);
	}

	@EventType("transfer.Made")
	record Transferred(String fromAccount, String toAccount, long amount) {
	}

	/** Every transfer, as read. */
	@EventProcessor(stream = "/transfers")
	static class Transfers {

		final List<Transferred> transfers = new CopyOnWriteArrayList<>();

		@EventHandler
		void on(Transferred transferred) {
			this.transfers.add(transferred);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UpperCamelCaseThenSnakeCase {

		@Bean
		@Order(2)
		EventHorizonJsonMapperCustomizer snakeCase() {
			return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
		}

		@Bean
		@Order(1)
		EventHorizonJsonMapperCustomizer upperCamelCase() {
			return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
		}

	}

}
