package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.eventhorizon.client.EntryHandler;
import io.eventhorizon.client.EventsProcessor;
import io.eventhorizon.client.ProcessorCursorMismatchException;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link EventsProcessor} of an {@link EventProcessor} bean: dispatches events to its
 * {@link EventHandler} methods and keeps its cursor, in memory or, for transactional
 * processors, in the database with the handlers' writes.
 * <p>
 * Thread-safe as the Reader uses it: called by one thread at a time, cursor published
 * safely.
 *
 * @since 0.1.0
 */
public final class AnnotatedEventsProcessor implements EventsProcessor {

	private final String name;

	private final Object bean;

	private final StreamName stream;

	private final @Nullable SnapshotPerspective perspective;

	private final Handlers handlers;

	private final @Nullable TransactionalCursorStore cursorStore;

	private volatile Cursor cursor;

	AnnotatedEventsProcessor(String name, Object bean, StreamName stream, @Nullable SnapshotPerspective perspective,
			Handlers handlers, @Nullable TransactionalCursorStore cursorStore) {
		this.name = name;
		this.bean = bean;
		this.stream = stream;
		this.perspective = perspective;
		this.handlers = handlers;
		this.cursorStore = cursorStore;
		this.cursor = stream.beginning();
	}

	/**
	 * Finds the handler methods of a bean and checks them.
	 * @param beanName the bean's name
	 * @param target the bean (its target, when proxied)
	 * @param knownTypes the application's event types, for payload classes without
	 * {@code @EventType}
	 * @return the handlers by payload class, and the processor's event types
	 * @throws InvalidEventProcessorException if a handler is declared wrongly, two handle
	 * one type, or there is none
	 */
	static Handlers findHandlers(String beanName, Object target, EventTypes knownTypes) {
		Map<Class<?>, HandlerMethod> handlers = new LinkedHashMap<>();
		EventTypes.Builder types = EventTypes.builder();
		ReflectionUtils.doWithMethods(target.getClass(), (method) -> {
			HandlerMethod handler = HandlerMethod.of(target, method, beanName);
			HandlerMethod other = handlers.putIfAbsent(handler.payloadClass(), handler);
			if (other != null) {
				throw new InvalidEventProcessorException("Bean '" + beanName + "' has two @EventHandler methods for "
						+ handler.payloadClass().getSimpleName() + ": " + HandlerMethod.describe(other.method())
						+ " and " + HandlerMethod.describe(method));
			}
			types.register(typeName(beanName, method, handler.payloadClass(), knownTypes), handler.payloadClass());
		}, (method) -> AnnotatedElementUtils.hasAnnotation(method, EventHandler.class) && !method.isBridge());
		if (handlers.isEmpty()) {
			throw new InvalidEventProcessorException("@EventProcessor bean '" + beanName + "' ("
					+ target.getClass().getName() + ") has no @EventHandler methods");
		}
		return new Handlers(handlers, types.build());
	}

	private static String typeName(String beanName, Method method, Class<?> payloadClass, EventTypes knownTypes) {
		EventType annotation = payloadClass.getAnnotation(EventType.class);
		if (annotation != null) {
			return annotation.value();
		}
		try {
			return knownTypes.nameOf(payloadClass);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventProcessorException("@EventHandler method " + HandlerMethod.describe(method)
					+ " of bean '" + beanName + "' takes " + payloadClass.getName()
					+ ", which is not an event type: annotate it with @EventType or register it in the EventTypes bean",
					ex);
		}
	}

	/**
	 * Returns the processor's name: its bean name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the bean whose handlers this processor calls.
	 * @return the bean
	 */
	public Object bean() {
		return this.bean;
	}

	/**
	 * Returns the stream this processor follows.
	 * @return the stream
	 */
	public StreamName stream() {
		return this.stream;
	}

	/**
	 * Returns the cursor of the last entry applied (for a transactional processor, the
	 * committed one).
	 * @return the cursor
	 */
	public Cursor cursor() {
		TransactionalCursorStore store = this.cursorStore;
		if (store == null) {
			return this.cursor;
		}
		return store.load(this.name).orElse(this.stream.beginning());
	}

	/**
	 * Returns the {@link #cursor() cursor}, without taking the database's lock: the cursor
	 * is checked again, under the lock, when the next entry is processed.
	 * @return the stored cursor
	 */
	@Override
	public Cursor storedCursor() {
		return cursor();
	}

	/**
	 * Runs {@code handler} for one entry. A transactional processor locks its cursor in the
	 * database before the handlers run and moves it only from the cursor it locked, so when
	 * another instance applied the entry first this one rolls back and throws
	 * {@link ProcessorCursorMismatchException}, which makes the Reader read on from the
	 * other instance's cursor.
	 * @param handler the Reader's work for one entry
	 * @throws ProcessorCursorMismatchException if another instance moved the cursor
	 */
	@Override
	public void processEvents(EntryHandler handler) {
		TransactionalCursorStore store = this.cursorStore;
		if (store == null) {
			Cursor stored = this.cursor;
			handler.handle(stored, (event) -> this.handlers.dispatch(event, stored.next()),
					(committed) -> this.cursor = committed);
			return;
		}
		AtomicReference<@Nullable Cursor> locked = new AtomicReference<>();
		try {
			store.inNewTransaction(() -> {
				Cursor stored = store.lock(this.name, this.stream.beginning());
				locked.set(stored);
				handler.handle(stored, (event) -> this.handlers.dispatch(event, stored.next()), (committed) -> {
					if (!store.move(this.name, stored, committed)) {
						throw new IllegalStateException("Processor '" + this.name + "' could not move its cursor from "
								+ stored + " to " + committed + ": another instance moved it");
					}
				});
			});
		}
		catch (RuntimeException failure) {
			throw LostRace.or(failure, locked.get(), this::cursor);
		}
	}

	@Override
	public void reset() {
		if (this.cursorStore != null) {
			throw new IllegalStateException("Processor '" + this.name + "' keeps its state in a database, so it "
					+ "cannot be rebuilt here; clear its tables and its row in eventhorizon_cursors instead");
		}
		if (!(this.bean instanceof ResettableState resettable)) {
			throw new IllegalStateException("Processor '" + this.name + "' does not implement ResettableState, so it "
					+ "cannot be rebuilt");
		}
		resettable.resetState();
		this.cursor = this.stream.beginning();
	}

	@Override
	public EventTypes eventTypes() {
		return this.handlers.eventTypes();
	}

	@Override
	public Optional<SnapshotPerspective> snapshotPerspective() {
		return Optional.ofNullable(this.perspective);
	}

	@Override
	public Snapshot takeSnapshot() {
		SnapshotPerspective perspective = Objects.requireNonNull(this.perspective);
		return Snapshot.of(this.cursor, perspective, ((SnapshotState) this.bean).snapshotState());
	}

	@Override
	public void installSnapshot(Snapshot snapshot) {
		((SnapshotState) this.bean).restoreState(snapshot.data());
		this.cursor = snapshot.cursor();
	}

	record Handlers(Map<Class<?>, HandlerMethod> byPayloadClass, EventTypes eventTypes) {

		/**
		 * Calls the handler of the event's payload class, if there is one. A failure names
		 * the entry and the event type: the handler's own exception (often a bare
		 * {@code NullPointerException}) says neither, and a read model of a tree shows only
		 * a count as its cursor, so nobody could tell which entry is held back.
		 */
		void dispatch(Event event, Cursor entry) {
			HandlerMethod handler = this.byPayloadClass.get(event.payload().getClass());
			if (handler == null) {
				return;
			}
			try {
				handler.invoke(event, entry);
			}
			catch (RuntimeException failure) {
				throw new EventHandlerFailedException(entry, event.payload().getClass().getName(), failure);
			}
		}

	}

	/**
	 * Whether a failed entry leaves no trace: only with a cursor store, whose transaction
	 * rolls back the handlers' writes. A bean kept in memory is reset
	 * ({@link ResettableState}) and loaded again instead, or stopped if it cannot be.
	 * @return whether the processor keeps its cursor in a transactional store
	 */
	@Override
	public boolean rollsBackOnFailure() {
		return this.cursorStore != null;
	}

}
