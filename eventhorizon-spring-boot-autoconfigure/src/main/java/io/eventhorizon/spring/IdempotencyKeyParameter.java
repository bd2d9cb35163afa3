package io.eventhorizon.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TransactionalAppend} method takes its {@link IdempotencyKey}, if it does.
 * Immutable and thread-safe.
 */
final class IdempotencyKeyParameter {

	private static final IdempotencyKeyParameter NONE = new IdempotencyKeyParameter(-1);

	private final int index;

	private IdempotencyKeyParameter(int index) {
		this.index = index;
	}

	/**
	 * Finds the key parameter of a method.
	 * @throws InvalidEventProcessorException if two parameters are marked, or one of a
	 * type other than {@code String} or {@code io.eventhorizon.core.IdempotencyKey}
	 */
	static IdempotencyKeyParameter of(Method method) {
		Parameter[] parameters = method.getParameters();
		int found = -1;
		for (int i = 0; i < parameters.length; i++) {
			if (!parameters[i].isAnnotationPresent(IdempotencyKey.class)) {
				continue;
			}
			Class<?> type = parameters[i].getType();
			if (type != String.class && type != io.eventhorizon.core.IdempotencyKey.class) {
				throw new InvalidEventProcessorException("@IdempotencyKey parameter " + (i + 1) + " of "
						+ HandlerMethod.describe(method) + " is a " + type.getName()
						+ "; it must be a String or an io.eventhorizon.core.IdempotencyKey");
			}
			if (found >= 0) {
				throw new InvalidEventProcessorException(HandlerMethod.describe(method)
						+ " has two @IdempotencyKey parameters (" + (found + 1) + " and " + (i + 1) + "); a command has one key");
			}
			found = i;
		}
		return (found >= 0) ? new IdempotencyKeyParameter(found) : NONE;
	}

	/**
	 * Returns the key of a call.
	 * @throws io.eventhorizon.core.InvalidIdempotencyKeyException if the argument is not a
	 * valid key
	 */
	io.eventhorizon.core.@Nullable IdempotencyKey keyOf(@Nullable Object[] arguments) {
		if (this.index < 0) {
			return null;
		}
		Object argument = arguments[this.index];
		if (argument instanceof io.eventhorizon.core.IdempotencyKey key) {
			return key;
		}
		return (argument != null) ? io.eventhorizon.core.IdempotencyKey.of((String) argument) : null;
	}

}
