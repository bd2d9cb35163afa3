package io.eventhorizon.spring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.OptimisticLockingException;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.observation.AppendObservationContext;
import io.eventhorizon.spring.observation.DefaultAppendObservationConvention;
import io.eventhorizon.spring.observation.EventHorizonObservationDocumentation;
import io.eventhorizon.spring.observation.EventHorizonObservations;
import io.micrometer.observation.ObservationRegistry;

/**
 * Appends events. Outside a {@link TransactionalAppend} method, one call is one commit (one
 * entry) at the head of the stream, handed to the synchronizer, which gives it to that
 * stream's processors without reading it back. Inside such a method, nothing is written
 * while the method runs: the calls of one attempt are joined into one entry, committed
 * when the method returns, right after the cursor the method's processors validated at (a
 * concurrent writer makes it conflict, and the method run again; nothing of the failed
 * attempt was written). An attempt appends to one stream; the cursor returned is the one
 * the entry gets when the attempt commits.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class EventHorizonTemplate {

	private final EventLog eventLog;

	private final EventLineCodec codec;

	private final Clock clock;

	private final Consumer<LogEntry> appendedOutsideAdvice;

	private final AppendListener listener;

	private volatile ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	/**
	 * Creates the template.
	 * @param eventLog the event log
	 * @param codec the codec for the application's event types
	 * @param clock the clock for event times
	 * @param appendedOutsideAdvice told of each entry appended outside a
	 * {@link TransactionalAppend} method, with the data as written
	 */
	public EventHorizonTemplate(EventLog eventLog, EventLineCodec codec, Clock clock,
			Consumer<LogEntry> appendedOutsideAdvice) {
		this(eventLog, codec, clock, appendedOutsideAdvice, new AppendListener() {
		});
	}

	/**
	 * Creates the template.
	 * @param eventLog the event log
	 * @param codec the codec for the application's event types
	 * @param clock the clock for event times
	 * @param appendedOutsideAdvice told of each entry appended outside a
	 * {@link TransactionalAppend} method, with the data as written
	 * @param listener told of every append's latency and outcome
	 */
	public EventHorizonTemplate(EventLog eventLog, EventLineCodec codec, Clock clock,
			Consumer<LogEntry> appendedOutsideAdvice, AppendListener listener) {
		this.eventLog = Objects.requireNonNull(eventLog, "eventLog must not be null");
		this.codec = Objects.requireNonNull(codec, "codec must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.appendedOutsideAdvice = Objects.requireNonNull(appendedOutsideAdvice,
				"appendedOutsideAdvice must not be null");
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
	}

	/**
	 * Sets the registry of the observations of appends outside a
	 * {@link TransactionalAppend} method (see
	 * {@link EventHorizonObservationDocumentation#APPEND}); none are made without one.
	 * @param observationRegistry the registry
	 * @since 0.1.0
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
	}

	/**
	 * Appends events caused by the system, as one commit.
	 * @param stream the stream, such as {@code /bank}
	 * @param payloads event payloads of registered types
	 * @return the cursor of the new entry
	 */
	public Cursor append(String stream, Object... payloads) {
		return append(StreamName.of(stream), EventMeta.system(this.clock.instant()), payloads);
	}

	/**
	 * Appends events caused by a user, as one commit.
	 * @param stream the stream, such as {@code /bank}
	 * @param userId who caused the events
	 * @param payloads event payloads of registered types
	 * @return the cursor of the new entry
	 */
	public Cursor appendAs(String stream, String userId, Object... payloads) {
		return append(StreamName.of(stream), EventMeta.of(this.clock.instant(), userId), payloads);
	}

	/**
	 * Appends events with the given metadata, as one commit.
	 * @param stream the stream
	 * @param meta the events' metadata
	 * @param payloads event payloads of registered types
	 * @return the cursor of the new entry
	 */
	public Cursor append(StreamName stream, EventMeta meta, Object... payloads) {
		LogData data = encode(meta, payloads);
		AppendContext context = AppendContext.current();
		if (context != null) {
			return context.attempt().append(stream, data);
		}
		AppendObservationContext observed = new AppendObservationContext(stream);
		Cursor written = EventHorizonObservations.observe(EventHorizonObservationDocumentation.APPEND,
				DefaultAppendObservationConvention.INSTANCE, observed, this.observationRegistry, () -> {
					Cursor cursor = timed(stream, () -> this.eventLog.append(stream, data));
					observed.setCursor(cursor);
					return cursor;
				});
		this.appendedOutsideAdvice.accept(new LogEntry(written, data));
		return written;
	}

	/**
	 * Returns the event log, for reads and for appends after a cursor of your own.
	 * @return the event log
	 */
	public EventLog eventLog() {
		return this.eventLog;
	}

	/**
	 * Returns the codec of the application's event types.
	 * @return the codec
	 */
	public EventLineCodec codec() {
		return this.codec;
	}

	private Cursor timed(StreamName stream, Supplier<Cursor> append) {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			Cursor written = append.get();
			outcome = "success";
			return written;
		}
		catch (OptimisticLockingException ex) {
			outcome = "conflict";
			throw ex;
		}
		finally {
			this.listener.appendFinished(stream, Duration.ofNanos(System.nanoTime() - start), outcome);
		}
	}

	private LogData encode(EventMeta meta, Object... payloads) {
		List<Event> events = new ArrayList<>(payloads.length);
		for (Object payload : payloads) {
			events.add(Event.of(payload, meta));
		}
		return this.codec.encode(events);
	}

}
