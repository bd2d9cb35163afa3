package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model of a tree declared wrongly fails the startup with a message naming the bean
 * and the bad value.
 */
class TreeProcessorDeclarationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void aProcessorWithNeitherStreamNorTreeIsRefused() {
		assertStartupFails(NeitherStreamNorTree.class,
				"@EventProcessor bean 'processor' sets neither stream nor tree: set exactly one");
	}

	@Test
	void aProcessorWithBothStreamAndTreeIsRefused() {
		assertStartupFails(BothStreamAndTree.class, "@EventProcessor bean 'processor' sets both stream \"/bank\" and "
				+ "tree \"/bank/accounts\": set exactly one");
	}

	@Test
	void theRootAsTreeIsRefused() {
		assertStartupFails(RootTree.class, "@EventProcessor bean 'processor' has the tree \"/\", the root");
	}

	@Test
	void aBadTreeNameIsRefused() {
		assertStartupFails(BadTree.class, "@EventProcessor bean 'processor' has a bad tree \"/bank/../t-2\"");
	}

	@Test
	void anUnresolvableTreePlaceholderIsRefused() {
		assertStartupFails(UnresolvedTree.class, "@EventProcessor bean 'processor' has a bad tree \"${nowhere}\"");
	}

	@Test
	void aTransactionalTreeNeedsATreeCursorStore() {
		assertStartupFails(TransactionalTreeWithoutDatabase.class, "@EventProcessor bean 'processor' is "
				+ "transactional, but there is no TransactionalTreeCursorStore");
	}

	@Test
	void aTreeWithASnapshotPerspectiveNeedsSnapshotState() {
		assertStartupFails(TreePerspectiveWithoutState.class, "@EventProcessor bean 'processor' has the snapshot "
				+ "perspective \"accounts:v1\" but does not implement SnapshotState");
	}

	private void assertStartupFails(Class<?> processorClass, String message) {
		this.runner.withBean("processor", processorClass)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure())).hasMessageContaining(message));
	}

	private static InvalidEventProcessorException invalidDeclaration(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidEventProcessorException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("The startup did not fail with an InvalidEventProcessorException", failure);
	}

	@EventProcessor
	static class NeitherStreamNorTree {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(stream = "/bank", tree = "/bank/accounts")
	static class BothStreamAndTree {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(tree = "/")
	static class RootTree {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(tree = "/bank/../t-2")
	static class BadTree {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(tree = "${nowhere}")
	static class UnresolvedTree {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(tree = "/bank/accounts", transactional = true)
	static class TransactionalTreeWithoutDatabase {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(tree = "/bank/accounts", snapshotPerspective = "accounts:v1")
	static class TreePerspectiveWithoutState {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

}
