package io.eventhorizon.process;

import java.time.Instant;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The keys of a source event's effects depend on its place alone.
 */
class SourceEventTests {

	private static final Event EVENT = Event.of(new TransferRequested("t-1", "alice", "bob", 30),
			EventMeta.system(Instant.EPOCH));

	@Test
	void anEffectsKeyNamesTheProcessTheEntryTheEventAndTheEffect() {
		SourceEvent source = new SourceEvent("transfers", TransferRequested.TRANSFERS.at(41), 0, EVENT);

		assertThat(source.key("debit").value()).isEqualTo("transfers@/transfers@41#0/debit");
	}

	@Test
	void twoRunsOfOneEventGiveOneEffectTheSameKeyAndTwoEffectsDifferentKeys() {
		SourceEvent first = new SourceEvent("transfers", TransferRequested.TRANSFERS.at(41), 1, EVENT);
		SourceEvent again = new SourceEvent("transfers", TransferRequested.TRANSFERS.at(41), 1, EVENT);

		assertThat(again.key("credit")).isEqualTo(first.key("credit")).isNotEqualTo(first.key("debit"));
	}

	@Test
	void aKeyTooLongForAnIdempotencyKeyIsReplacedByItsHash() {
		StreamName deep = StreamName.of("/" + "long-segment/".repeat(12) + "transfers");
		SourceEvent source = new SourceEvent("transfers", deep.at(7), 0, EVENT);

		assertThat(source.key("debit").value()).startsWith("pm-sha256:").hasSize(10 + 64)
			.isEqualTo(source.key("debit").value())
			.isNotEqualTo(source.key("credit").value());
	}

	@Test
	void anEmptyEffectNameIsRefusedNamingTheEvent() {
		SourceEvent source = new SourceEvent("transfers", TransferRequested.TRANSFERS.at(41), 0, EVENT);

		assertThatIllegalArgumentException().isThrownBy(() -> source.key(""))
			.withMessageContaining("/transfers@41#0")
			.withMessageContaining("'transfers'");
	}

	@Test
	void aBlankProcessManagerNameIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessManager.builder(" ", TransferRequested.TRANSFERS, EventTypes.of(), (source) -> {
			}))
			.withMessage("A process manager's name must not be blank, was ' '");
	}

}
