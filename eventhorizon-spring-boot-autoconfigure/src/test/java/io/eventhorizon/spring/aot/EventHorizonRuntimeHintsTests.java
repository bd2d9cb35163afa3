package io.eventhorizon.spring.aot;

import java.lang.reflect.Method;

import io.eventhorizon.spring.aot.shop.ShopApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native image needs from the starter: the shop application is processed ahead of
 * time, as the build does, and every class and method the starter reaches by reflection
 * has a runtime hint.
 */
class EventHorizonRuntimeHintsTests {

	private static final String SHOP = "io.eventhorizon.spring.aot.shop.";

	private static RuntimeHints hints;

	private static InMemoryGeneratedFiles generatedFiles;

	@BeforeAll
	static void processTheShopAheadOfTime() {
		generatedFiles = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(ShopApplication.class)), generatedFiles);
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(ShopApplication.class);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		generationContext.writeGeneratedContent();
		hints = generationContext.getRuntimeHints();
	}

	@Test
	void everyScannedEventTypeCanBeBoundAsJson() {
		for (String event : new String[] { "ShopEvents$ItemAdded", "ShopEvents$OrderPlaced", "ShopEvents$Audited" }) {
			Class<?> payload = shopClass(event);

			assertThat(RuntimeHintsPredicates.reflection().onType(payload)).as(event).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(payload.getDeclaredConstructors()[0]))
				.as(event)
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(payload.getRecordComponents()[0].getAccessor()))
				.as(event)
				.accepts(hints);
		}
	}

	@Test
	void theHandlersOfAnEventProcessorCanBeInvoked() {
		Method handler = handler(shopClass("OrderBook"));

		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(handler)).accepts(hints);
	}

	@Test
	void theStateOfASnapshottingProcessorCanBeBoundAsJson() {
		Class<?> state = shopClass("OrderBook$OrderSummary");

		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(state.getDeclaredConstructors()[0]))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(state, "total")).accepts(hints);
	}

	@Test
	void anAggregateCanBeMadeCommandedAndSnapshotted() throws Exception {
		Class<?> basket = shopClass("Basket");

		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(basket.getDeclaredConstructor()))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(handler(basket))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(basket, "lines")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(shopClass("Basket$BasketLine").getDeclaredConstructors()[0])).accepts(hints);
	}

	@Test
	void theResultOfATransactionalAppendCanBeStoredAsJson() {
		Class<?> receipt = shopClass("Checkout$Receipt");

		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(receipt.getDeclaredConstructors()[0]))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(receipt, "orderId")).accepts(hints);
	}

	@Test
	void theSchemaScriptsOfTheCursorTablesAreIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource("io/eventhorizon/spring/jdbc/schema.sql"))
			.accepts(hints);
	}

	@Test
	void theScanIsDoneAtBuildTimeAndWrittenIntoTheGeneratedCode() throws Exception {
		StringBuilder generatedCode = new StringBuilder();
		for (String path : generatedFiles.getGeneratedFiles(Kind.SOURCE).keySet()) {
			generatedCode.append(generatedFiles.getGeneratedFileContent(Kind.SOURCE, path));
		}

		assertThat(generatedCode.toString()).contains("\"" + SHOP + "ShopEvents$Audited\"")
			.contains("ResolvableType.forClassWithGenerics(Aggregates.class, Basket.class)");
	}

	private static Class<?> shopClass(String name) {
		return ClassUtils.resolveClassName(SHOP + name, EventHorizonRuntimeHintsTests.class.getClassLoader());
	}

	private static Method handler(Class<?> type) {
		Method[] found = new Method[1];
		ReflectionUtils.doWithLocalMethods(type, (method) -> {
			if (method.getName().equals("on")) {
				found[0] = method;
			}
		});
		return found[0];
	}

}
