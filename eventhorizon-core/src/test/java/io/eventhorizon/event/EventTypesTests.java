package io.eventhorizon.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTypesTests {

	@EventType("account.Opened")
	record Opened(String id) {
	}

	@EventType("account.Opened")
	record OpenedAgain(String id) {
	}

	record Unannotated(String id) {
	}

	@Test
	void anUnregisteredUnannotatedClassIsRefusedWithBothWaysToMakeItAnEventType() {
		assertThatExceptionOfType(UnregisteredEventTypeException.class)
			.isThrownBy(() -> EventTypes.of(Opened.class).nameOf(Unannotated.class))
			.withMessageStartingWith("Event class " + Unannotated.class.getName() + " is not an event type")
			.withMessageContaining("annotate it with @EventType(\"...\")")
			.withMessageContaining("annotated classes in the application's packages and in eventhorizon.event-packages")
			.withMessageContaining("register it explicitly under a type name with "
					+ "EventTypes.builder().register(\"...\", Unannotated.class)")
			.withMessageNotContaining("and register it");
	}

	@Test
	void annotatedClassesAreRegisteredUnderTheirNameBesideTheMetaEvents() {
		EventTypes types = EventTypes.of(Opened.class);

		assertThat(types.classOf("account.Opened")).contains(Opened.class);
		assertThat(types.nameOf(Opened.class)).isEqualTo("account.Opened");
		assertThat(types.classOf("account.Closed")).isEmpty();
		assertThat(types.names()).containsExactly("$stream.Started", "$stream.ChildStreamCreated", "account.Opened");
	}

	@Test
	void classesCanBeRegisteredUnderAnExplicitName() {
		EventTypes types = EventTypes.builder().register("legacy.Opened", Unannotated.class).build();

		assertThat(types.nameOf(Unannotated.class)).isEqualTo("legacy.Opened");
	}

	@Test
	void aNameCannotBeTakenTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.of(Opened.class, OpenedAgain.class))
			.withMessageContaining("\"account.Opened\" is taken by " + Opened.class.getName());
	}

	@Test
	void aClassCannotHaveTwoNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventTypes.builder().register(Opened.class).register("other.Name", Opened.class))
			.withMessageContaining("is registered as \"account.Opened\" already");
	}

	@Test
	void anUnannotatedClassNeedsAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.of(Unannotated.class))
			.withMessageContaining("has no @EventType annotation");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventTypes.builder().register(" padded", Unannotated.class))
			.withMessageContaining("blank or padded");
	}

}
