package io.eventhorizon.sample;

import java.time.Clock;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.RetryPolicy;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.inmemory.InMemoryEventLog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bank sample. Until the starter auto-configures the event log, the sample declares
 * the embedded in-memory one itself.
 */
@SpringBootApplication
public class BankApplication {

	@Bean
	EventLog eventLog() {
		return new InMemoryEventLog(Clock.systemUTC(), InMemoryEventLog.DEFAULT_PAGE_SIZE, RetryPolicy.DEFAULT);
	}

	@Bean
	EventLineCodec eventLineCodec() {
		return new EventLineCodec(AccountEvents.TYPES);
	}

	public static void main(String[] args) {
		SpringApplication.run(BankApplication.class, args);
	}

}
