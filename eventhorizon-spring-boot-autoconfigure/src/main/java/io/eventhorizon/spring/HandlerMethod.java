package io.eventhorizon.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventMeta;

import org.springframework.util.ReflectionUtils;

/**
 * One {@link EventHandler} method: which payload class it takes and how to call it. Besides
 * the payload it may take the event's {@link EventMeta}, the entry's {@link Cursor} and the
 * entry's stream ({@link StreamName}, which tells the streams of a tree apart).
 */
final class HandlerMethod {

	private final Object target;

	private final Method method;

	private final Class<?> payloadClass;

	private final Class<?>[] parameterTypes;

	private HandlerMethod(Object target, Method method, Class<?> payloadClass) {
		this.target = target;
		this.method = method;
		this.payloadClass = payloadClass;
		this.parameterTypes = method.getParameterTypes();
		ReflectionUtils.makeAccessible(method);
	}

	static HandlerMethod of(Object target, Method method, String beanName) {
		Class<?> payloadClass = null;
		for (Parameter parameter : method.getParameters()) {
			Class<?> type = parameter.getType();
			if (type == EventMeta.class || type == Cursor.class || type == StreamName.class) {
				continue;
			}
			if (payloadClass != null || type.isPrimitive() || type == Event.class || type == Object.class) {
				throw new InvalidEventProcessorException("@EventHandler method " + describe(method) + " of bean '"
						+ beanName + "' must take one event payload (a class annotated with @EventType) and, "
						+ "optionally, EventMeta, Cursor and StreamName");
			}
			payloadClass = type;
		}
		if (payloadClass == null) {
			throw new InvalidEventProcessorException("@EventHandler method " + describe(method) + " of bean '"
					+ beanName + "' takes no event payload (a class annotated with @EventType)");
		}
		return new HandlerMethod(target, method, payloadClass);
	}

	Class<?> payloadClass() {
		return this.payloadClass;
	}

	Method method() {
		return this.method;
	}

	void invoke(Event event, Cursor entry) {
		invokeOn(this.target, event, entry);
	}

	// For handlers of aggregates: one method, many instances.
	void invokeOn(Object target, Event event, Cursor entry) {
		Object[] arguments = new Object[this.parameterTypes.length];
		for (int i = 0; i < arguments.length; i++) {
			Class<?> type = this.parameterTypes[i];
			arguments[i] = (type == EventMeta.class) ? event.meta() : (type == Cursor.class) ? entry
					: (type == StreamName.class) ? entry.stream() : event.payload();
		}
		try {
			this.method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			ReflectionUtils.rethrowRuntimeException(ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + describe(this.method), ex);
		}
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

}
