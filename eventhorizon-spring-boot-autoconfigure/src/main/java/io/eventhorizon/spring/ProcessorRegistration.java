package io.eventhorizon.spring;

import java.util.function.Supplier;

import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;

/**
 * One processor of the application: its name (the bean name), its stream, and the
 * {@link Reader} that feeds it. Immutable and thread-safe (the Reader is).
 *
 * @param name the processor's name
 * @param stream the stream it follows
 * @param processor the processor
 * @param reader the Reader that feeds it
 * @param cursor how to read the processor's current cursor
 * @since 0.1.0
 */
public record ProcessorRegistration(String name, StreamName stream, EventsProcessor processor, Reader reader,
		Supplier<Cursor> cursor) {

}
