package io.eventhorizon.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.sample.AccountEvents.Deposited;
import io.eventhorizon.sample.AccountEvents.Opened;
import io.eventhorizon.sample.AccountEvents.Withdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Opens an account in {@code /bank}, moves some money and prints the stream as read back:
 * what the sample does until it grows an HTTP API. The event log and codec are the
 * starter's.
 */
@Component
class BankTour implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(BankTour.class);

	static final StreamName BANK = StreamName.root().child("bank");

	private final EventLog eventLog;

	private final EventLineCodec codec;

	BankTour(EventLog eventLog, EventLineCodec codec) {
		this.eventLog = eventLog;
		this.codec = codec;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.eventLog.bootstrap();
		this.eventLog.createStream(BANK);
		EventMeta alice = EventMeta.of(Instant.now(), "alice");
		this.eventLog.append(BANK, this.codec.encode(List.of(Event.of(new Opened("a1", "alice"), alice),
				Event.of(new Deposited("a1", 10_000), alice))));
		this.eventLog.append(BANK, this.codec.encode(List.of(Event.of(new Withdrawn("a1", 2_500), alice))));
		for (String line : transcript()) {
			logger.info(line);
		}
	}

	List<String> transcript() {
		List<String> lines = new ArrayList<>();
		Cursor after = BANK.beginning();
		ReadResult page;
		do {
			page = this.eventLog.read(after);
			for (var entry : page.entries()) {
				DecodedEntry decoded = this.codec.decode(entry);
				decoded.events().forEach((event) -> lines.add(decoded.cursor() + " " + event.payload()));
			}
			after = page.lastEntry();
		}
		while (page.more());
		return lines;
	}

}
