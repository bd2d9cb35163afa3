package io.eventhorizon;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core is plain Java: no Spring, no package cycles, and the packages depend in one
 * direction: core, then event, then client and the implementations, then the test kit.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.eventhorizon");

	@Test
	void theCoreDoesNotDependOnSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CORE);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.eventhorizon.(*)..").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void theStorageModelKnowsNothingOfEventsOrImplementations() {
		noClasses().that()
			.resideInAPackage("io.eventhorizon.core")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.eventhorizon.event..", "io.eventhorizon.dynamodb..", "io.eventhorizon.inmemory..")
			.check(CORE);
		noClasses().that()
			.resideInAPackage("io.eventhorizon.event")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.eventhorizon.dynamodb..", "io.eventhorizon.inmemory..")
			.check(CORE);
	}

	@Test
	void theConsumerApiWorksOnAnyEventLog() {
		noClasses().that()
			.resideInAPackage("io.eventhorizon.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.eventhorizon.dynamodb..", "io.eventhorizon.inmemory..", "io.eventhorizon.testkit..")
			.check(CORE);
	}

	@Test
	void onlyTheDynamoDbPackageNeedsTheAwsSdk() {
		noClasses().that()
			.resideOutsideOfPackage("io.eventhorizon.dynamodb..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("software.amazon..")
			.check(CORE);
	}

	@Test
	void everyPackageIsNullMarked() {
		assertThat(CORE.getPackage("io.eventhorizon").getSubpackagesInTree())
			.filteredOn((javaPackage) -> !javaPackage.getClasses().isEmpty())
			.isNotEmpty()
			.allSatisfy((javaPackage) -> assertThat(javaPackage.isAnnotatedWith(NullMarked.class))
				.as("package %s is @NullMarked", javaPackage.getName())
				.isTrue());
	}

}
