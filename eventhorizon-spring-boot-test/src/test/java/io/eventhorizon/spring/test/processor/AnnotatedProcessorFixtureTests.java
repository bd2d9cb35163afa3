package io.eventhorizon.spring.test.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.InvalidEventProcessorException;
import io.eventhorizon.spring.SnapshotState;
import io.eventhorizon.spring.test.app.Greeted;
import io.eventhorizon.spring.test.app.Greetings;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An application's read models, tested with events and no application context.
 */
class AnnotatedProcessorFixtureTests {

	@Test
	void aReadModelOfOneStreamSeesTheGivenEventsInOrder() {
		AnnotatedProcessorFixture.of(new Greetings())
			.given(new Greeted("ann"))
			.given(new Greeted("bob"), new Greeted("cy"))
			.then((greetings) -> assertThat(greetings.names()).containsExactly("ann", "bob", "cy"));
	}

	@Test
	void aPlaceholderInTheStreamResolvesAgainstTheGivenProperties() {
		MockEnvironment properties = new MockEnvironment().withProperty("greetings.stream", "/hello");

		AnnotatedProcessorFixture<Greetings> fixture = AnnotatedProcessorFixture.of(new Greetings(), properties,
				EventTypes.builder().build());

		assertThat(fixture.stream()).isEqualTo(StreamName.of("/hello"));
		fixture.givenOn("/hello", new Greeted("ann"))
			.then((greetings) -> assertThat(greetings.names()).containsExactly("ann"));
	}

	@Test
	void aReadModelOfATreeSeesTheEventsOfEveryStreamBelowIt() {
		AnnotatedProcessorFixture.of(new Balances())
			.givenOn("/bank/accounts/a1", new Moved(100), new Moved(-30))
			.givenOn("/bank/accounts/b2", new Moved(5))
			.then((balances) -> assertThat(balances.byAccount()).containsOnly(Map.entry("a1", 70L),
					Map.entry("b2", 5L)))
			.givenOn("/bank/accounts/a1", new Moved(1))
			.then((balances) -> assertThat(balances.byAccount()).containsEntry("a1", 71L));
	}

	@Test
	void theUserAndTheTimeOfTheEventsReachTheHandlers() {
		Instant noon = Instant.parse("2024-03-01T12:00:00Z");

		AnnotatedProcessorFixture.of(new Balances())
			.at(noon)
			.givenOnBy("/bank/accounts/a1", "joonas", new Moved(100))
			.then((balances) -> assertThat(balances.lastMove()).isEqualTo("joonas at 2024-03-01T12:00:00Z"));
	}

	@Test
	void aReadModelWithASnapshotPerspectiveLeavesItsSnapshot() {
		AnnotatedProcessorFixture<Balances> fixture = AnnotatedProcessorFixture.of(new Balances())
			.givenOn("/bank/accounts/a1", new Moved(100));

		fixture.loaded();

		assertThat(fixture.snapshotStore().read(StreamName.of("/bank/accounts"), SnapshotPerspective.parse("balances:v1")))
			.isPresent();
	}

	@Test
	void eventsOnAStreamOutsideTheTreeAreRefusedNamingBoth() {
		AnnotatedProcessorFixture<Balances> fixture = AnnotatedProcessorFixture.of(new Balances());

		assertThatIllegalArgumentException().isThrownBy(() -> fixture.givenOn("/shop/orders/1", new Moved(1)))
			.withMessageContaining("/shop/orders/1")
			.withMessageContaining("/bank/accounts");
	}

	@Test
	void eventsWithoutAStreamAreRefusedForATree() {
		AnnotatedProcessorFixture<Balances> fixture = AnnotatedProcessorFixture.of(new Balances());

		assertThatIllegalStateException().isThrownBy(() -> fixture.given(new Moved(1)))
			.withMessageContaining("givenOn");
	}

	@Test
	void aClassThatIsNoEventProcessorIsRefusedNamingIt() {
		assertThatExceptionOfType(InvalidEventProcessorException.class)
			.isThrownBy(() -> AnnotatedProcessorFixture.of(new Object()))
			.withMessageContaining("java.lang.Object is not annotated with @EventProcessor");
	}

	@Test
	void aWronglyDeclaredProcessorFailsAsTheStartupWould() {
		assertThatExceptionOfType(InvalidEventProcessorException.class)
			.isThrownBy(() -> AnnotatedProcessorFixture.of(new SnapshotsWithoutState()))
			.withMessageContaining("does not implement SnapshotState");
	}

	@EventType("test.Moved")
	record Moved(long amount) {
	}

	@EventProcessor(tree = "/bank/accounts", snapshotPerspective = "balances:v1")
	static class Balances implements SnapshotState {

		private final Map<String, Long> balances = new ConcurrentSkipListMap<>();

		private volatile String lastMove = "";

		@EventHandler
		void on(Moved moved, StreamName account, EventMeta meta) {
			this.balances.merge(account.base(), moved.amount(), Long::sum);
			this.lastMove = meta.userId().orElse("system") + " at " + meta.time();
		}

		Map<String, Long> byAccount() {
			return Map.copyOf(this.balances);
		}

		String lastMove() {
			return this.lastMove;
		}

		@Override
		public byte[] snapshotState() {
			return this.balances.toString().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void restoreState(byte[] data) {
			throw new UnsupportedOperationException("not restored in these tests");
		}

	}

	@EventProcessor(stream = "/bank", snapshotPerspective = "bank:v1")
	static class SnapshotsWithoutState {

		@EventHandler
		void on(Moved moved) {
		}

	}

}
