package io.eventhorizon.spring.test.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;

import org.springframework.stereotype.Component;

/**
 * Everyone greeted on {@code /greetings}, in order. Thread-safe.
 */
@Component
@EventProcessor(stream = "${greetings.stream:/greetings}")
public class Greetings {

	private final List<String> names = new CopyOnWriteArrayList<>();

	@EventHandler
	void on(Greeted greeted) {
		this.names.add(greeted.name());
	}

	public List<String> names() {
		return List.copyOf(this.names);
	}

}
