package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.BankFixtures.Deposited;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrongly declared processors (of a stream or of a tree) and append methods fail the
 * startup, naming the bean and the method, with a failure analysis.
 */
class EventProcessorDeclarationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventHorizonAutoConfiguration.class))
		.withPropertyValues("eventhorizon.synchronizer.enabled=false");

	@Test
	void aHandlerWithoutAnEventPayloadIsRefused() {
		assertStartupFails(NoPayload.class, "@EventHandler method NoPayload.on(EventMeta) of bean 'processor' takes "
				+ "no event payload");
	}

	@Test
	void aHandlerWithTwoPayloadsIsRefused() {
		assertStartupFails(TwoPayloads.class,
				"@EventHandler method TwoPayloads.on(Deposited, String) of bean 'processor' must take one event payload");
	}

	@Test
	void aHandlerForAClassThatIsNoEventTypeIsRefused() {
		assertStartupFails(NotAnEvent.class, "@EventHandler method NotAnEvent.on(String) of bean 'processor' takes "
				+ "java.lang.String, which is not an event type");
	}

	@Test
	void twoHandlersForOneTypeAreRefused() {
		assertStartupFails(TwoHandlers.class, "Bean 'processor' has two @EventHandler methods for Deposited: "
				+ "TwoHandlers.on(Deposited) and TwoHandlers.again(Deposited, Cursor)");
	}

	@Test
	void aProcessorWithoutHandlersIsRefused() {
		assertStartupFails(NoHandlers.class, "@EventProcessor bean 'processor'");
	}

	@Test
	void aBadStreamNameIsRefused() {
		assertStartupFails(BadStream.class,
				"@EventProcessor bean 'processor' has a bad stream \"/bank/../t-2\": Invalid stream name");
	}

	@Test
	void anUnresolvableStreamPlaceholderIsRefused() {
		assertStartupFails(UnresolvedStream.class, "@EventProcessor bean 'processor' has a bad stream \"${nowhere}\"");
	}

	@Test
	void aSnapshotPerspectiveNeedsSnapshotState() {
		assertStartupFails(PerspectiveWithoutState.class, "@EventProcessor bean 'processor' has the snapshot "
				+ "perspective \"accounts:v1\" but does not implement SnapshotState");
	}

	@Test
	void aTransactionalProcessorNeedsACursorStore() {
		assertStartupFails(TransactionalWithoutDatabase.class,
				"@EventProcessor bean 'processor' is transactional, but there is no TransactionalCursorStore");
	}

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

	@Test
	void anAppendMethodMustNameExistingProcessors() {
		this.runner.withBean("appender", UnknownDependency.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageStartingWith("@TransactionalAppend method UnknownDependency.append() of bean 'appender' "
						+ "depends on processor 'ledger', which does not exist"));
	}

	@Test
	void anAppendMethodNamingABeanWithoutEventProcessorIsToldThatTheBeanIsNoProcessor() {
		this.runner.withBean("appender", UnknownDependency.class)
			.withBean("ledger", Ledger.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageStartingWith("@TransactionalAppend method UnknownDependency.append() of bean 'appender' "
						+ "depends on processor 'ledger', but bean 'ledger' (" + Ledger.class.getName()
						+ ") is no processor: annotate its class with @EventProcessor(stream = ...)"));
	}

	@Test
	void anAppendMethodOfABeanThatIsNoProcessorMustNameItsProcessors() {
		this.runner.withBean("appender", NoDependency.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageContaining("depends on its own bean, which is no processor"));
	}

	@Test
	void aFinalAppendMethodIsRefusedBecauseAClassProxyCannotAdviseIt() {
		this.runner.withUserConfiguration(BankFixtures.BankConfiguration.class)
			.withBean("appender", FinalAppend.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageStartingWith("@TransactionalAppend method FinalAppend.append() of bean 'appender' is final: "
						+ "a proxy cannot advise it"));
	}

	@Test
	void aPrivateAppendMethodIsRefused() {
		this.runner.withUserConfiguration(BankFixtures.BankConfiguration.class)
			.withBean("appender", PrivateAppend.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageStartingWith("@TransactionalAppend method PrivateAppend.append() of bean 'appender' is private"));
	}

	@Test
	void aStaticAppendMethodIsRefused() {
		this.runner.withUserConfiguration(BankFixtures.BankConfiguration.class)
			.withBean("appender", StaticAppend.class)
			.run((context) -> assertThat(invalidDeclaration(context.getStartupFailure()))
				.hasMessageStartingWith("@TransactionalAppend method StaticAppend.append() of bean 'appender' is static"));
	}

	@Test
	void anUnadvisableAppendMethodGetsAFailureAnalysis() {
		this.runner.withUserConfiguration(BankFixtures.BankConfiguration.class)
			.withBean("appender", FinalAppend.class)
			.run((context) -> {
				FailureAnalysis analysis = new EventHorizonFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("FinalAppend.append()").contains("is final");
			});
	}

	@Test
	void theFailureAnalysisRepeatsTheProblemAndSaysWhatToDo() {
		this.runner.withBean("processor", TwoHandlers.class).run((context) -> {
			FailureAnalysis analysis = new EventHorizonFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Bean 'processor' has two @EventHandler methods");
			assertThat(analysis.getAction()).contains("@EventHandler");
		});
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

	@EventProcessor(stream = "/bank")
	static class NoPayload {

		@EventHandler
		void on(EventMeta meta) {
		}

	}

	@EventProcessor(stream = "/bank")
	static class TwoPayloads {

		@EventHandler
		void on(Deposited deposited, String other) {
		}

	}

	@EventProcessor(stream = "/bank")
	static class NotAnEvent {

		@EventHandler
		void on(String text) {
		}

	}

	@EventProcessor(stream = "/bank")
	static class TwoHandlers {

		@EventHandler
		void on(Deposited deposited) {
		}

		@EventHandler
		void again(Deposited deposited, Cursor cursor) {
		}

	}

	@EventProcessor(stream = "/bank")
	static class NoHandlers {

	}

	@EventProcessor(stream = "/bank/../t-2")
	static class BadStream {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(stream = "${nowhere}")
	static class UnresolvedStream {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(stream = "/bank", snapshotPerspective = "accounts:v1")
	static class PerspectiveWithoutState {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	@EventProcessor(stream = "/bank", transactional = true)
	static class TransactionalWithoutDatabase {

		@EventHandler
		void on(Deposited deposited) {
		}

	}

	static class UnknownDependency {

		@TransactionalAppend(processors = "ledger")
		public void append() {
		}

	}

	/** Would be a processor, but its class lacks {@code @EventProcessor}. */
	static class Ledger {

	}

	static class NoDependency {

		@TransactionalAppend
		public void append() {
		}

	}

	static class FinalAppend {

		@TransactionalAppend(processors = "accounts")
		public final void append() {
		}

	}

	static class PrivateAppend {

		@TransactionalAppend(processors = "accounts")
		private void append() {
		}

	}

	static class StaticAppend {

		@TransactionalAppend(processors = "accounts")
		public static void append() {
		}

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
